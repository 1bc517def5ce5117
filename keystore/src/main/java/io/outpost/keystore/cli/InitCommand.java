package io.outpost.keystore.cli;

import io.outpost.keystore.IdentityGenerator;
import io.outpost.keystore.IdentityGenerator.GeneratedIdentity;
import io.outpost.keystore.KeyFiles;
import io.outpost.keystore.KeystoreException;
import io.outpost.keystore.PartyIds;
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

/** {@code keystore init}: a new key pair, self-signed certificate and request, written once. */
@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    description = {
      "Creates this party's identity in DIR:",
      "  private.pem  the private key, encrypted, owner-only",
      "  cert.pem     the self-signed certificate peers pin",
      "  csr.pem      a certification request for the same key",
      "Prints the certificate's SHA-256 fingerprint for peers to compare before they pin it."
    })
final class InitCommand implements Callable<Integer> {

  static final int MAX_BITS = 16384;
  static final int MAX_DAYS = 3650;

  /** Peers whose clocks run a few minutes behind still accept a certificate made just now. */
  private static final Duration BACKDATE = Duration.ofMinutes(5);

  private final Session session;

  @Spec private CommandSpec spec;

  @Option(
      names = "--id",
      required = true,
      paramLabel = "ID",
      description = "Party id, e.g. hq or outlet-042.")
  private String id;

  @Option(
      names = "--dir",
      required = true,
      paramLabel = "DIR",
      description = "Identity directory to create.")
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
      description = "File whose first line is the new password.")
  private Path passwordFile;

  InitCommand(Session session) {
    this.session = session;
  }

  @Override
  public Integer call() throws KeystoreException {
    checkOptions();
    KeyFiles.requireNoIdentity(dir);
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
    KeyFiles.write(dir, generated, password);
    print(generated.identity().certificate(), now);
    return KeystoreCli.OK;
  }

  private void checkOptions() {
    if (!PartyIds.isValid(id)) {
      throw new ParameterException(spec.commandLine(), Usage.notAPartyId("--id", id));
    }
    if (bits < IdentityGenerator.MIN_BITS || bits > MAX_BITS) {
      throw new ParameterException(
          spec.commandLine(),
          "--bits "
              + bits
              + " is out of range: use "
              + IdentityGenerator.MIN_BITS
              + " to "
              + MAX_BITS
              + " (default "
              + IdentityGenerator.DEFAULT_BITS
              + ")");
    }
    if (days < 1 || days > MAX_DAYS) {
      throw new ParameterException(
          spec.commandLine(), "--days " + days + " is out of range: use 1 to " + MAX_DAYS);
    }
  }

  private void print(X509Certificate certificate, Instant now) {
    PrintStream out = session.out();
    out.println("Created identity " + id + " in " + dir);
    out.println("  private key  " + KeyFiles.privateKeyFile(dir) + " (encrypted, owner-only)");
    out.println("  certificate  " + KeyFiles.certificateFile(dir));
    out.println("  request      " + KeyFiles.requestFile(dir));
    out.println("  expires      " + Display.expiry(certificate, now));
    out.println("SHA-256 fingerprint (peers compare it out of band before they pin cert.pem):");
    out.println("  " + Display.fingerprint(certificate));
  }
}
