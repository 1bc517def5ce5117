package io.outpost.keystore.cli;

import io.outpost.keystore.IdentityGenerator;
import io.outpost.keystore.IdentityGenerator.GeneratedIdentity;
import io.outpost.keystore.KeystoreException;
import io.outpost.keystore.Passwords;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The options of every command that makes a key pair ({@code init}, {@code next}), checked once. */
final class NewKeyOptions {

  static final int MAX_BITS = 16384;
  static final int MAX_DAYS = 3650;

  /** Peers whose clocks run a few minutes behind still accept a certificate made just now. */
  private static final Duration BACKDATE = Duration.ofMinutes(5);

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

  /** A new identity and the password to encrypt its key with; the caller clears the password. */
  record NewKey(GeneratedIdentity generated, char[] password) {}

  void check(CommandSpec spec) {
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

  /** Asks for the new password first, so that a missing one costs no key generation. */
  NewKey generate(String id, Passwords passwords, Instant now) throws KeystoreException {
    char[] password = passwords.forNewKey(Optional.ofNullable(passwordFile));
    try {
      return new NewKey(
          new IdentityGenerator()
              .generate(id, bits, now.minus(BACKDATE), now.plus(Duration.ofDays(days))),
          password);
    } catch (KeystoreException | RuntimeException e) {
      Arrays.fill(password, '\0');
      throw e;
    }
  }
}
