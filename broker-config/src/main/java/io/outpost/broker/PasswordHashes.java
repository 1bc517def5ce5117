package io.outpost.broker;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Artemis's one-way password format, {@code ENC(iterations:salt:hash)} with PBKDF2-HMAC-SHA1, as
 * the properties login module verifies it.
 *
 * <p>Artemis's own {@code artemis mask --hash} writes 1024 iterations; the login module reads the
 * count from the stored value, so Outpost stores a far higher one. The hash is one SHA-1 block
 * long: a longer output would multiply the broker's work at each login, not an attacker's.
 */
final class PasswordHashes {

  /** OWASP's 2023 figure for PBKDF2-HMAC-SHA1; about a quarter of a second per login here. */
  static final int DEFAULT_ITERATIONS = 1_300_000;

  /** Below this a hash is refused, whatever the caller asks. */
  static final int MIN_ITERATIONS = 10_000;

  /** Passwords shorter than this are refused: broker passwords are generated, not remembered. */
  static final int MIN_PASSWORD_LENGTH = 12;

  private static final String ALGORITHM = "PBKDF2WithHmacSHA1";
  private static final int SALT_BYTES = 32;
  private static final int HASH_BITS = 160;
  private static final Pattern STORED =
      Pattern.compile("ENC\\((\\d{1,9}):([0-9A-Fa-f]{32,}):([0-9A-Fa-f]{40,})\\)");
  private static final HexFormat HEX = HexFormat.of().withUpperCase();
  private static final SecureRandom RANDOM = new SecureRandom();

  private PasswordHashes() {}

  /** Hashes {@code password} with a fresh salt; the caller still owns and clears the array. */
  static String hash(char[] password, int iterations) throws BrokerException {
    checkIterations(iterations);
    checkPassword(password);
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    byte[] hash = derive(password, salt, iterations, HASH_BITS);
    try {
      return "ENC(" + iterations + ":" + HEX.formatHex(salt) + ":" + HEX.formatHex(hash) + ")";
    } finally {
      Arrays.fill(hash, (byte) 0);
    }
  }

  /**
   * Whether a users-file value is a one-way hash the login module verifies, not a plain password.
   */
  static boolean isHashed(String stored) {
    return stored != null && STORED.matcher(stored.trim()).matches();
  }

  /** Checks {@code password} against a stored value the way the login module does. */
  static boolean matches(char[] password, String stored) throws BrokerException {
    Matcher m = STORED.matcher(stored == null ? "" : stored.trim());
    if (!m.matches()) {
      return false;
    }
    byte[] salt = HEX.parseHex(m.group(2));
    byte[] expected = HEX.parseHex(m.group(3));
    byte[] actual = derive(password, salt, Integer.parseInt(m.group(1)), expected.length * 8);
    return MessageDigest.isEqual(expected, actual);
  }

  static void checkIterations(int iterations) throws BrokerException {
    if (iterations < MIN_ITERATIONS) {
      throw new BrokerException(
          BrokerException.Reason.INVALID_ARGUMENT,
          "hash iterations " + iterations + " are below the minimum of " + MIN_ITERATIONS);
    }
  }

  private static void checkPassword(char[] password) throws BrokerException {
    if (password == null || password.length < MIN_PASSWORD_LENGTH) {
      throw new BrokerException(
          BrokerException.Reason.INVALID_ARGUMENT,
          "a broker password needs at least " + MIN_PASSWORD_LENGTH + " characters");
    }
    for (char c : password) {
      if (Character.isWhitespace(c) || Character.isISOControl(c)) {
        throw new BrokerException(
            BrokerException.Reason.INVALID_ARGUMENT,
            "a broker password must not contain spaces or control characters");
      }
    }
  }

  private static byte[] derive(char[] password, byte[] salt, int iterations, int bits)
      throws BrokerException {
    PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, bits);
    try {
      return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks " + ALGORITHM, e);
    } finally {
      spec.clearPassword();
    }
  }
}
