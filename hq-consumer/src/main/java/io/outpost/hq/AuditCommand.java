package io.outpost.hq;

import io.outpost.hq.core.HqException;
import io.outpost.hq.core.StoredClosing;
import io.outpost.hq.evidence.EvidenceVerifier;
import io.outpost.hq.jdbc.Database;
import io.outpost.keystore.PinnedCertificate;
import io.outpost.keystore.TrustStore;
import java.io.PrintStream;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code hq audit MESSAGE_ID}: re-verifies the archived signed closing against the outlet's pinned
 * certificate alone and says who signed it and when.
 */
@Command(
    name = "audit",
    description = {
      "Re-verify a stored closing's signature with the outlet's pinned certificate.",
      "Prints who signed it and when; exit 0 only when it verifies."
    })
final class AuditCommand implements Callable<Integer> {

  private final Session session;

  @Mixin ConfigOption config;

  @Parameters(paramLabel = "MESSAGE_ID", description = "The closing's message id (a UUID).")
  UUID messageId;

  AuditCommand(Session session) {
    this.session = session;
  }

  @Override
  public Integer call() throws Exception {
    HqConfig settings = config.load(session.env());
    TrustStore trust = Wiring.trust(settings.keyDir());
    Audited audited;
    try (Database database = Wiring.openDatabase(settings)) {
      audited = audit(database, trust, messageId);
    }
    print(audited, session.out());
    return HqCli.OK;
  }

  /** A stored closing whose archived evidence verified. */
  record Audited(StoredClosing closing, EvidenceVerifier.Verified evidence) {}

  static Audited audit(Database database, TrustStore trust, UUID messageId) throws HqException {
    StoredClosing closing =
        database
            .archive()
            .find(messageId)
            .orElseThrow(
                () ->
                    new HqException(
                        HqException.Reason.NOT_FOUND,
                        "no stored closing has message id " + messageId + "; check the id"));
    byte[] evidence = database.archive().evidence(messageId).orElseThrow();
    var pins = trust.pinned(closing.outletId());
    if (pins.isEmpty()) {
      throw new HqException(
          HqException.Reason.KEYS,
          "no certificate is pinned for outlet '" + closing.outletId() + "' in the trust store");
    }
    EvidenceVerifier.Verified verified = EvidenceVerifier.verify(evidence, pins);
    if (!verified.contentDigest().equals(closing.contentDigest())) {
      throw new HqException(
          HqException.Reason.VERIFICATION,
          "the archived signature covers content with digest "
              + verified.contentDigest()
              + ", not the stored closing's "
              + closing.contentDigest());
    }
    return new Audited(closing, verified);
  }

  private static void print(Audited audited, PrintStream out) {
    StoredClosing c = audited.closing();
    PinnedCertificate signer = audited.evidence().signer();
    out.println("closing " + c.messageId() + ": signature verified");
    out.println(
        "  signed by:      "
            + signer.peerId()
            + " (certificate sha256 "
            + signer.fingerprint()
            + ", "
            + (signer.revoked() ? "revoked since" : "pinned and active")
            + ")");
    out.println(
        "  signed at:      "
            + audited.evidence().signingTime()
            + " (signing time in the signature)");
    out.println("  created at:     " + c.createdAt() + " (in the signed payload)");
    out.println("  received at HQ: " + c.receivedAt());
    out.println(
        "  business date:  "
            + c.businessDate()
            + ", sequence "
            + c.sequence()
            + (c.amends() == null ? "" : ", amends " + c.amends()));
    out.println("  content digest: " + c.contentDigest() + " (matches the stored closing)");
  }
}
