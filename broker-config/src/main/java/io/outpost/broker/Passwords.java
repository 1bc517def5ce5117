package io.outpost.broker;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/** Where the tool takes a password from: a file, else the environment, never the command line. */
final class Passwords {

  /** The environment variable that may hold the password of the login being written. */
  static final String PASSWORD_ENV = "OUTPOST_BROKER_PASSWORD";

  private Passwords() {}

  /**
   * Reads the password from {@code file} (its first line) if given, else from {@value
   * #PASSWORD_ENV}; the caller clears the returned array.
   */
  static char[] read(Optional<Path> file, Map<String, String> env) throws BrokerException {
    if (file.isPresent()) {
      return readFile(file.get());
    }
    String value = env.get(PASSWORD_ENV);
    if (value == null || value.isEmpty()) {
      throw new BrokerException(
          BrokerException.Reason.NO_PASSWORD,
          "no password: give --password-file FILE or set " + PASSWORD_ENV);
    }
    return value.toCharArray();
  }

  private static char[] readFile(Path file) throws BrokerException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new BrokerException(
          BrokerException.Reason.NO_PASSWORD, "cannot read the password file " + file, e);
    }
    CharBuffer chars = null;
    try {
      chars = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
      int end = 0;
      while (end < chars.length() && chars.get(end) != '\n' && chars.get(end) != '\r') {
        end++;
      }
      if (end == 0) {
        throw new BrokerException(
            BrokerException.Reason.NO_PASSWORD, "the password file " + file + " is empty");
      }
      char[] password = new char[end];
      chars.get(0, password);
      return password;
    } catch (CharacterCodingException e) {
      throw new BrokerException(
          BrokerException.Reason.NO_PASSWORD, "the password file " + file + " is not UTF-8", e);
    } finally {
      Arrays.fill(bytes, (byte) 0);
      if (chars != null && chars.hasArray()) {
        Arrays.fill(chars.array(), '\0');
      }
    }
  }
}
