package io.outpost.hq;

import io.outpost.keystore.PinnedCertificate;
import io.outpost.keystore.TrustDirectory;
import io.outpost.keystore.rotation.PendingCertificates;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code hq keys confirm OUTLET FINGERPRINT}: pins an announced certificate. */
@Command(
    name = "confirm",
    description = {
      "Pin the certificate OUTLET announced, after its fingerprint was compared with the outlet",
      "out of band. Both certificates of the outlet verify from then on; a running 'hq serve'",
      "sees the new pin within a second."
    })
final class KeysConfirmCommand implements Callable<Integer> {

  private final Session session;

  @Spec CommandSpec spec;

  @Mixin ConfigOption config;

  @Parameters(index = "0", paramLabel = "OUTLET", description = "The outlet's party id.")
  String outlet;

  @Parameters(
      index = "1",
      paramLabel = "FINGERPRINT",
      description = "The SHA-256 fingerprint the outlet read out (spaces and colons are fine).")
  String fingerprint;

  KeysConfirmCommand(Session session) {
    this.session = session;
  }

  @Override
  public Integer call() throws Exception {
    KeysCommand.requireOutlet(spec, outlet);
    HqConfig settings = config.load(session.env());
    PinnedCertificate pin =
        PendingCertificates.confirm(
            settings.keyDir(), outlet, fingerprint, session.clock().instant());
    List<PinnedCertificate> active =
        TrustDirectory.load(settings.keyDir()).pinned(outlet).stream()
            .filter(p -> !p.revoked())
            .toList();
    PrintStream out = session.out();
    out.println("Pinned " + outlet + "  SHA-256 " + KeysCommand.fingerprint(pin.certificate()));
    out.println(
        outlet
            + " has "
            + active.size()
            + " active certificate(s); each verifies. Tell "
            + outlet
            + " to switch with 'keystore promote', and once its outbox holds nothing sealed"
            + " before the switch, revoke the old one:");
    for (PinnedCertificate old : active) {
      if (!old.fingerprint().equals(pin.fingerprint())) {
        out.println("  hq keys revoke " + outlet + " --fingerprint " + old.fingerprint());
      }
    }
    return HqCli.OK;
  }
}
