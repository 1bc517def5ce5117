package io.outpost.hq;

import io.outpost.hq.core.StoredReceipt;
import io.outpost.hq.evidence.EvidenceExport;
import io.outpost.hq.jdbc.Database;
import io.outpost.keystore.TrustStore;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code hq export-evidence MESSAGE_ID DIR}: writes the signed closing, its receipt and both
 * certificates, with a README of the {@code openssl cms} commands that check them.
 */
@Command(
    name = "export-evidence",
    description = {
      "Write a stored closing's evidence for an auditor to check with openssl alone.",
      "The signed closing, its receipt, the outlet's and HQ's certificates, and a README.txt",
      "with the exact openssl commands."
    })
final class ExportEvidenceCommand implements Callable<Integer> {

  private final Session session;

  @Mixin ConfigOption config;

  @Parameters(index = "0", paramLabel = "MESSAGE_ID", description = "The closing's message id.")
  UUID messageId;

  @Parameters(index = "1", paramLabel = "DIR", description = "A new or empty directory.")
  Path dir;

  ExportEvidenceCommand(Session session) {
    this.session = session;
  }

  @Override
  public Integer call() throws Exception {
    HqConfig settings = config.load(session.env());
    TrustStore trust = Wiring.trust(settings.keyDir());
    EvidenceExport.Bundle bundle;
    try (Database database = Wiring.openDatabase(settings)) {
      // Export only what verifies, and with the very certificate that verifies it.
      AuditCommand.Audited audited = AuditCommand.audit(database, trust, messageId);
      List<StoredReceipt> receipts = database.archive().receiptsFor(messageId);
      bundle =
          new EvidenceExport.Bundle(
              audited.closing(),
              database.archive().evidence(messageId).orElseThrow(),
              audited.evidence().signer().certificate(),
              receipts.isEmpty() ? null : receipts.get(0).signed(),
              Wiring.ownCertificate(settings.keyDir()));
    }
    for (Path file : EvidenceExport.write(dir, bundle)) {
      session.out().println(file);
    }
    if (bundle.signedReceipt() == null) {
      session.err().println("hq: no receipt yet for " + messageId + "; exported without one");
    }
    return HqCli.OK;
  }
}
