package io.outpost.keystore.cli;

import io.outpost.keystore.Certificates;
import io.outpost.keystore.KeystoreException;
import io.outpost.keystore.PartyIds;
import io.outpost.keystore.PinnedCertificate;
import io.outpost.keystore.TrustDirectory;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code keystore revoke}: disables a peer's certificates; they stay on disk, refused. */
@Command(
    name = "revoke",
    mixinStandardHelpOptions = true,
    description = {
      "Revokes every pinned certificate of PEER, or only the one with --fingerprint.",
      "Revoked certificates are kept so that their messages are recognised and refused."
    })
final class RevokeCommand implements Callable<Integer> {

  private final Session session;

  @Spec private CommandSpec spec;

  @Option(names = "--dir", required = true, paramLabel = "DIR", description = "Identity directory.")
  private Path dir;

  @Option(
      names = "--id",
      required = true,
      paramLabel = "PEER",
      description = "Party id of the peer.")
  private String peerId;

  @Option(
      names = "--fingerprint",
      paramLabel = "HEX",
      description = "Revoke only this certificate of the peer (e.g. the old one after a rotation).")
  private String fingerprint;

  RevokeCommand(Session session) {
    this.session = session;
  }

  @Override
  public Integer call() throws KeystoreException {
    if (!PartyIds.isValid(peerId)) {
      throw new ParameterException(spec.commandLine(), Usage.notAPartyId("--id", peerId));
    }
    if (fingerprint != null && !Certificates.isSha256Fingerprint(fingerprint)) {
      throw new ParameterException(spec.commandLine(), Usage.notAFingerprint(fingerprint));
    }
    List<PinnedCertificate> before = TrustDirectory.load(dir).pinned(peerId);
    List<PinnedCertificate> revoked =
        fingerprint == null
            ? TrustDirectory.revoke(dir, peerId)
            : List.of(TrustDirectory.revoke(dir, peerId, fingerprint));
    PrintStream out = session.out();
    for (PinnedCertificate pin : revoked) {
      boolean already =
          before.stream().anyMatch(p -> p.revoked() && p.fingerprint().equals(pin.fingerprint()));
      out.println(
          (already ? "Already revoked " : "Revoked ")
              + pin.peerId()
              + "  SHA-256 "
              + Display.fingerprint(pin.certificate()));
    }
    out.println("Messages signed with a revoked certificate are refused from now on.");
    return KeystoreCli.OK;
  }
}
