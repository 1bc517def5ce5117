package io.outpost.hq;

import io.outpost.keystore.Certificates;
import io.outpost.keystore.PinnedCertificate;
import io.outpost.keystore.TrustStore;
import io.outpost.keystore.rotation.PendingCertificates;
import io.outpost.keystore.rotation.PendingCertificates.Pending;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code hq keys pending}: what outlets announced and nobody confirmed yet. */
@Command(
    name = "pending",
    description = "List the certificates outlets announced that wait for confirmation.")
final class KeysPendingCommand implements Callable<Integer> {

  private final Session session;

  @Mixin ConfigOption config;

  KeysPendingCommand(Session session) {
    this.session = session;
  }

  @Override
  public Integer call() throws Exception {
    HqConfig settings = config.load(session.env());
    List<Pending> pending = PendingCertificates.list(settings.keyDir());
    TrustStore trust = Wiring.trust(settings.keyDir());
    PrintStream out = session.out();
    if (pending.isEmpty()) {
      out.println("No announced certificate waits for confirmation.");
      return HqCli.OK;
    }
    Instant now = session.clock().instant();
    for (Pending p : pending) {
      out.println(p.peerId() + "  announced " + KeysCommand.time(p.receivedAt()));
      out.println("  SHA-256    " + KeysCommand.fingerprint(p.certificate()));
      Instant notAfter = p.certificate().getNotAfter().toInstant();
      out.println(
          "  expires    "
              + KeysCommand.time(notAfter)
              + " (in "
              + Math.max(0, Duration.between(now, notAfter).toDays())
              + " days)");
      Optional<PinnedCertificate> signer =
          trust.pinned(p.peerId()).stream()
              .filter(pin -> pin.fingerprint().equals(p.signedBy()))
              .findFirst();
      out.println(
          "  signed by  "
              + Certificates.displayFingerprint(p.signedBy())
              + signer
                  .map(pin -> pin.revoked() ? " (REVOKED since: reject this one)" : " (pinned)")
                  .orElse(" (no longer pinned: reject this one)"));
    }
    out.println(
        "Compare each fingerprint with its outlet by phone or in person, then run 'hq keys"
            + " confirm OUTLET FINGERPRINT' (or 'hq keys reject OUTLET FINGERPRINT').");
    return HqCli.OK;
  }
}
