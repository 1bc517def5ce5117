package io.outpost.keystore.cli;

import io.outpost.keystore.Certificates;
import io.outpost.keystore.KeyFiles;
import io.outpost.keystore.KeystoreException;
import io.outpost.keystore.rotation.KeyRotation;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code keystore next}: the key that will take over, prepared beside the current one. */
@Command(
    name = "next",
    mixinStandardHelpOptions = true,
    description = {
      "Creates the next identity of this party in DIR/next/: same id, new key pair.",
      "Peers pin its certificate while the current key still works; 'keystore promote'",
      "then makes it the one that signs. Prints the fingerprint peers compare out of band."
    })
final class NextCommand implements Callable<Integer> {

  private final Session session;

  @Spec private CommandSpec spec;

  @Option(names = "--dir", required = true, paramLabel = "DIR", description = "Identity directory.")
  private Path dir;

  @Mixin private NewKeyOptions newKey;

  NextCommand(Session session) {
    this.session = session;
  }

  @Override
  public Integer call() throws KeystoreException {
    newKey.check(spec);
    String id = Certificates.commonName(KeyFiles.readIdentityCertificate(dir));
    if (KeyRotation.nextCertificate(dir).isPresent()) {
      throw new KeystoreException(
          KeystoreException.Reason.ALREADY_EXISTS,
          KeyRotation.nextDir(dir)
              + " already holds the next identity; promote it with 'keystore promote --dir "
              + dir
              + "', or move it away to start over");
    }
    Instant now = Instant.now();
    NewKeyOptions.NewKey made = newKey.generate(id, session.passwords(), now);
    X509Certificate certificate = KeyRotation.prepare(dir, made.generated(), made.password());
    PrintStream out = session.out();
    out.println("Created the next identity of " + id + " in " + KeyRotation.nextDir(dir));
    out.println("  certificate  " + KeyFiles.certificateFile(KeyRotation.nextDir(dir)));
    out.println("  expires      " + Display.expiry(certificate, now));
    out.println("SHA-256 fingerprint (read it to every peer; they pin it before you promote):");
    out.println("  " + Display.fingerprint(certificate));
    out.println("The current key keeps signing until 'keystore promote --dir " + dir + "'.");
    return KeystoreCli.OK;
  }
}
