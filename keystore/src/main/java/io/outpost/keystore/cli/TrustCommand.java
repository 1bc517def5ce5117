package io.outpost.keystore.cli;

import io.outpost.keystore.Certificates;
import io.outpost.keystore.KeyFiles;
import io.outpost.keystore.KeystoreException;
import io.outpost.keystore.PinnedCertificate;
import io.outpost.keystore.TrustDirectory;
import io.outpost.keystore.TrustStore;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code keystore trust}: pins a peer's certificate after the out-of-band fingerprint check. */
@Command(
    name = "trust",
    mixinStandardHelpOptions = true,
    description = {
      "Pins PEER.pem under its CN after checking it against the fingerprint the peer read out.",
      "A second certificate for a known peer is a rotation: both verify, the newest encrypts."
    })
final class TrustCommand implements Callable<Integer> {

  private final Session session;

  @Spec private CommandSpec spec;

  @Option(names = "--dir", required = true, paramLabel = "DIR", description = "Identity directory.")
  private Path dir;

  @Option(
      names = "--cert",
      required = true,
      paramLabel = "PEER.pem",
      description = "The peer's certificate (PEM).")
  private Path certificateFile;

  @Option(
      names = "--fingerprint",
      required = true,
      paramLabel = "HEX",
      description =
          "SHA-256 fingerprint obtained from the peer out of band; spaces and colons are fine.")
  private String fingerprint;

  TrustCommand(Session session) {
    this.session = session;
  }

  @Override
  public Integer call() throws KeystoreException {
    if (!Certificates.isSha256Fingerprint(fingerprint)) {
      throw new ParameterException(spec.commandLine(), Usage.notAFingerprint(fingerprint));
    }
    X509Certificate certificate = KeyFiles.readCertificate(certificateFile);
    boolean known = TrustDirectory.load(dir).find(certificate).isPresent();
    PinnedCertificate pin = TrustDirectory.pin(dir, certificate, fingerprint);
    PrintStream out = session.out();
    Instant now = Instant.now();
    if (known) {
      out.println(pin.peerId() + ": this certificate was already pinned; nothing changed");
      return KeystoreCli.OK;
    }
    out.println("Pinned " + pin.peerId());
    out.println("  SHA-256  " + Display.fingerprint(certificate));
    out.println("  expires  " + Display.expiry(certificate, now));
    TrustStore store = TrustDirectory.load(dir);
    List<PinnedCertificate> active =
        store.pinned(pin.peerId()).stream().filter(p -> p.usableAt(now)).toList();
    if (active.size() > 1) {
      store
          .encryptionCertificate(pin.peerId(), now)
          .ifPresent(
              newest ->
                  out.println(
                      pin.peerId()
                          + " has "
                          + active.size()
                          + " active certificates: all verify, the newest ("
                          + Display.shortFingerprint(newest)
                          + ") encrypts; revoke the old one with 'keystore revoke --dir "
                          + dir
                          + " --id "
                          + pin.peerId()
                          + " --fingerprint HEX' once the peer has switched"));
    }
    return KeystoreCli.OK;
  }
}
