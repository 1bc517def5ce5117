package io.outpost.keystore.cli;

import io.outpost.keystore.Certificates;
import io.outpost.keystore.IdentityGenerator;
import io.outpost.keystore.IdentityGenerator.GeneratedIdentity;
import io.outpost.keystore.KeyFiles;
import io.outpost.keystore.KeystoreException;
import io.outpost.keystore.rotation.KeyRotation;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
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

  /** As for init: peers whose clocks run a little behind still accept the certificate. */
  private static final Duration BACKDATE = Duration.ofMinutes(5);

  private final Session session;

  @Spec private CommandSpec spec;

  @Option(names = "--dir", required = true, paramLabel = "DIR", description = "Identity directory.")
  private Path dir;

  @Option(
      names = "--bits",
      paramLabel = "BITS",
      defaultValue = "" + IdentityGenerator.DEFAULT_BITS,
      description = "RSA key size (default: ${DEFAULT-VALUE}).")
  private int bits;

  @Option(
      names = "--days",
      paramLabel = "DAYS",
      defaultValue = "730",
      description = "Days the certificate is valid (default: ${DEFAULT-VALUE}).")
  private int days;

  @Option(
      names = "--password-file",
      paramLabel = "FILE",
      description = "File whose first line is the new key's password.")
  private Path passwordFile;

  NextCommand(Session session) {
    this.session = session;
  }

  @Override
  public Integer call() throws KeystoreException {
    if (bits < IdentityGenerator.MIN_BITS || bits > InitCommand.MAX_BITS) {
      throw new ParameterException(
          spec.commandLine(),
          "--bits "
              + bits
              + " is out of range: use "
              + IdentityGenerator.MIN_BITS
              + " to "
              + InitCommand.MAX_BITS);
    }
    if (days < 1 || days > InitCommand.MAX_DAYS) {
      throw new ParameterException(
          spec.commandLine(),
          "--days " + days + " is out of range: use 1 to " + InitCommand.MAX_DAYS);
    }
    String id = Certificates.commonName(KeyFiles.readIdentityCertificate(dir));
    if (KeyRotation.nextCertificate(dir).isPresent()) {
      throw new KeystoreException(
          KeystoreException.Reason.ALREADY_EXISTS,
          KeyRotation.nextDir(dir)
              + " already holds the next identity; promote it with 'keystore promote --dir "
              + dir
              + "', or move it away to start over");
    }
    char[] password = session.passwords().forNewKey(Optional.ofNullable(passwordFile));
    Instant now = Instant.now();
    GeneratedIdentity generated;
    try {
      generated =
          new IdentityGenerator()
              .generate(id, bits, now.minus(BACKDATE), now.plus(Duration.ofDays(days)));
    } catch (KeystoreException | RuntimeException e) {
      Arrays.fill(password, '\0');
      throw e;
    }
    X509Certificate certificate = KeyRotation.prepare(dir, generated, password);
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
