package io.outpost.keystore;

import io.outpost.keystore.KeystoreException.Reason;
import java.io.Console;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Obtains the private-key password, in this order: a password file (its first line), the
 * environment variable {@value #ENVIRONMENT_VARIABLE}, or the terminal without echo. A password is
 * never taken from a command-line argument, where other users could read it in the process list.
 *
 * <p>Passwords come back as {@code char[]} for the caller to clear (the key file methods of {@link
 * KeyFiles} do). A password from the environment also lives on as a {@code String} in the process
 * environment, which is the price of that source.
 */
public final class Passwords {

  public static final String ENVIRONMENT_VARIABLE = "OUTPOST_PASSWORD";

  /** New passwords shorter than this are refused: the key derivation cannot save a short one. */
  public static final int MIN_NEW_LENGTH = 8;

  /** Where a person types a password: one line, not echoed. */
  @FunctionalInterface
  public interface Terminal {

    /** The typed line without its line end, or null at the end of input. */
    char[] readPassword(String prompt) throws IOException;

    /** The process's console, as {@link Console#readPassword} reads it. */
    static Terminal of(Console console) {
      Objects.requireNonNull(console, "console");
      return prompt -> console.readPassword("%s", prompt);
    }
  }

  private final Optional<String> fromEnvironment;
  private final Optional<Terminal> terminal;

  private Passwords(Map<String, String> environment, Optional<Terminal> terminal) {
    // An empty variable counts as unset, as shells make it easy to export one by accident.
    this.fromEnvironment =
        Optional.ofNullable(environment.get(ENVIRONMENT_VARIABLE)).filter(v -> !v.isEmpty());
    this.terminal = terminal;
  }

  /** This process's environment and its console, if it has one. */
  public static Passwords system() {
    Console console = System.console();
    return console == null
        ? withoutTerminal(System.getenv())
        : of(System.getenv(), Terminal.of(console));
  }

  public static Passwords of(Map<String, String> environment, Terminal terminal) {
    return new Passwords(environment, Optional.of(terminal));
  }

  /** For processes without a person at a terminal: the file or the environment only. */
  public static Passwords withoutTerminal(Map<String, String> environment) {
    return new Passwords(environment, Optional.empty());
  }

  /** The password of an existing private key. */
  public char[] forExistingKey(Optional<Path> passwordFile) throws KeystoreException {
    Optional<char[]> given = fromFileOrEnvironment(passwordFile);
    if (given.isPresent()) {
      return given.get();
    }
    return type("Password for the private key: ");
  }

  /**
   * A password for a new private key: typed twice when it comes from the terminal, and at least
   * {@value #MIN_NEW_LENGTH} characters long whatever its source.
   */
  public char[] forNewKey(Optional<Path> passwordFile) throws KeystoreException {
    Optional<char[]> given = fromFileOrEnvironment(passwordFile);
    char[] password;
    if (given.isPresent()) {
      password = given.get();
    } else {
      password = type("New password for the private key: ");
      char[] repeated = type("Repeat the password: ");
      boolean same = constantTimeEquals(password, repeated);
      Arrays.fill(repeated, '\0');
      if (!same) {
        Arrays.fill(password, '\0');
        throw new KeystoreException(
            Reason.INVALID_ARGUMENT, "the two passwords differ; run the command again");
      }
    }
    if (password.length < MIN_NEW_LENGTH) {
      Arrays.fill(password, '\0');
      throw new KeystoreException(
          Reason.INVALID_ARGUMENT,
          "the password is too short; use at least " + MIN_NEW_LENGTH + " characters");
    }
    return password;
  }

  private Optional<char[]> fromFileOrEnvironment(Optional<Path> passwordFile)
      throws KeystoreException {
    if (passwordFile.isPresent()) {
      return Optional.of(readFirstLine(passwordFile.get()));
    }
    return fromEnvironment.map(String::toCharArray);
  }

  private char[] type(String prompt) throws KeystoreException {
    if (terminal.isEmpty()) {
      throw new KeystoreException(
          Reason.NO_PASSWORD,
          "no password: give --password-file FILE, set "
              + ENVIRONMENT_VARIABLE
              + ", or run the command in a terminal");
    }
    char[] typed;
    try {
      typed = terminal.get().readPassword(prompt);
    } catch (IOException e) {
      throw new KeystoreException(
          Reason.NO_PASSWORD, "cannot read the password from the terminal: " + e.getMessage(), e);
    }
    if (typed == null || typed.length == 0) {
      throw new KeystoreException(
          Reason.NO_PASSWORD, "no password was typed; run the command again and type one");
    }
    return typed;
  }

  /** The first line in UTF-8, without its line end; no intermediate String holds the password. */
  static char[] readFirstLine(Path file) throws KeystoreException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new KeystoreException(
          Reason.MISSING_FILE, "password file " + file + " does not exist; check the path", e);
    } catch (IOException e) {
      throw new KeystoreException(
          Reason.IO, "cannot read password file " + file + ": " + e.getMessage(), e);
    }
    CharBuffer chars = null;
    try {
      chars =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes));
      int end = 0;
      while (end < chars.limit() && chars.get(end) != '\n') {
        end++;
      }
      if (end > 0 && chars.get(end - 1) == '\r') {
        end--;
      }
      if (end == 0) {
        throw new KeystoreException(
            Reason.NO_PASSWORD,
            "password file " + file + " is empty; put the password on its first line");
      }
      char[] password = new char[end];
      chars.get(password, 0, end);
      return password;
    } catch (CharacterCodingException e) {
      throw new KeystoreException(
          Reason.CORRUPT_FILE, "password file " + file + " is not UTF-8 text", e);
    } finally {
      Arrays.fill(bytes, (byte) 0);
      if (chars != null && chars.hasArray()) {
        Arrays.fill(chars.array(), '\0');
      }
    }
  }

  private static boolean constantTimeEquals(char[] a, char[] b) {
    int difference = a.length ^ b.length;
    for (int i = 0; i < Math.min(a.length, b.length); i++) {
      difference |= a[i] ^ b[i];
    }
    return difference == 0;
  }
}
