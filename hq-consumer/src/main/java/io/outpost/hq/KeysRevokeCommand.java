package io.outpost.hq;

import io.outpost.hq.core.HqException;
import io.outpost.hq.keys.BrokerRevocation;
import io.outpost.hq.ops.BrokerLogin;
import io.outpost.keystore.Certificates;
import io.outpost.keystore.PinnedCertificate;
import io.outpost.keystore.TrustDirectory;
import io.outpost.keystore.rotation.PendingCertificates;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code hq keys revoke OUTLET}: refuses the outlet at HQ at once and, with the broker's admin
 * login, cuts it off at the broker too.
 */
@Command(
    name = "revoke",
    description = {
      "Revoke OUTLET's certificates at HQ: a running 'hq serve' refuses its messages within a",
      "second (quarantined as REVOKED). Then, with admin.password-file set, remove its broker",
      "login, clear the broker's login caches and close its connections.",
      "With --fingerprint only that certificate is revoked (the old one after a rotation) and",
      "the broker login stays."
    })
final class KeysRevokeCommand implements Callable<Integer> {

  private final Session session;

  @Spec CommandSpec spec;

  @Mixin ConfigOption config;

  @Parameters(paramLabel = "OUTLET", description = "The outlet's party id.")
  String outlet;

  @Option(
      names = "--fingerprint",
      paramLabel = "HEX",
      description = "Revoke only this certificate of the outlet.")
  String fingerprint;

  @Option(
      names = "--hq-only",
      description = "Revoke at HQ only; the broker login is dealt with elsewhere.")
  boolean hqOnly;

  KeysRevokeCommand(Session session) {
    this.session = session;
  }

  @Override
  public Integer call() throws Exception {
    KeysCommand.requireOutlet(spec, outlet);
    if (fingerprint != null && !Certificates.isSha256Fingerprint(fingerprint)) {
      throw new ParameterException(
          spec.commandLine(),
          "--fingerprint '" + fingerprint + "' is not a SHA-256 fingerprint (64 hex digits)");
    }
    HqConfig settings = config.load(session.env());
    PrintStream out = session.out();
    List<PinnedCertificate> revoked =
        fingerprint == null
            ? TrustDirectory.revoke(settings.keyDir(), outlet)
            : List.of(TrustDirectory.revoke(settings.keyDir(), outlet, fingerprint));
    for (PinnedCertificate pin : revoked) {
      out.println("Revoked " + outlet + "  SHA-256 " + KeysCommand.fingerprint(pin.certificate()));
    }
    out.println(
        "HQ refuses messages signed with "
            + (revoked.size() == 1 ? "it" : "them")
            + " from now on (a running 'hq serve' within a second).");
    if (fingerprint != null) {
      return HqCli.OK;
    }
    PendingCertificates.rejectAll(settings.keyDir(), outlet)
        .forEach(
            p ->
                out.println(
                    "Dropped the pending certificate "
                        + KeysCommand.fingerprint(p.certificate())
                        + " it announced"));
    if (hqOnly) {
      return HqCli.OK;
    }
    BrokerLogin admin = Wiring.adminLogin(settings);
    if (admin == null) {
      throw new HqException(
          HqException.Reason.CONFIG,
          outlet
              + " is revoked at HQ, but its broker login still works: set admin.password-file"
              + " (or OUTPOST_ADMIN_PASSWORD_FILE) and run this again, or on the broker host run"
              + " 'broker-config/remove-outlet "
              + outlet
              + " --instance DIR' and clear the broker's caches (docs/operations.md)");
    }
    BrokerRevocation.Outcome broker = BrokerRevocation.cutOff(admin, outlet);
    for (String step : broker.steps()) {
      out.println("Broker: " + step);
    }
    if (!broker.loginRemoved()) {
      throw new HqException(
          HqException.Reason.BROKER,
          outlet
              + " is revoked at HQ and its broker connections are closed, but the broker could not"
              + " remove its login itself: on the broker host run 'broker-config/remove-outlet "
              + outlet
              + " --instance DIR' now (the caches are cleared, so it takes effect at once)");
    }
    out.println(
        "Remove its inbox and grants on the broker host when convenient: 'broker-config/"
            + "remove-outlet "
            + outlet
            + " --instance DIR'.");
    return HqCli.OK;
  }
}
