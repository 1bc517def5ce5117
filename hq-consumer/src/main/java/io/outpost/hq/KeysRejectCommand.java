package io.outpost.hq;

import io.outpost.keystore.rotation.PendingCertificates;
import io.outpost.keystore.rotation.PendingCertificates.Pending;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code hq keys reject OUTLET FINGERPRINT}: drops an announced certificate unpinned. */
@Command(name = "reject", description = "Drop a certificate OUTLET announced, without pinning it.")
final class KeysRejectCommand implements Callable<Integer> {

  private final Session session;

  @Spec CommandSpec spec;

  @Mixin ConfigOption config;

  @Parameters(index = "0", paramLabel = "OUTLET", description = "The outlet's party id.")
  String outlet;

  @Parameters(index = "1", paramLabel = "FINGERPRINT", description = "Its SHA-256 fingerprint.")
  String fingerprint;

  KeysRejectCommand(Session session) {
    this.session = session;
  }

  @Override
  public Integer call() throws Exception {
    KeysCommand.requireOutlet(spec, outlet);
    HqConfig settings = config.load(session.env());
    Pending dropped = PendingCertificates.reject(settings.keyDir(), outlet, fingerprint);
    session
        .out()
        .println(
            "Dropped the certificate "
                + KeysCommand.fingerprint(dropped.certificate())
                + " announced by "
                + outlet
                + "; nothing was pinned");
    return HqCli.OK;
  }
}
