package io.outpost.keystore.cli;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import picocli.CommandLine;
import picocli.CommandLine.TypeConversionException;

/**
 * Option converters shared by Outpost's command lines, so that a mistyped value is named in
 * words a user knows rather than by a Java exception class.
 */
public final class Converters {

  private Converters() {}

  /** Registers the converters on {@code cli} and every subcommand added to it so far. */
  public static CommandLine register(CommandLine cli) {
    return cli.registerConverter(UUID.class, Converters::messageId)
        .registerConverter(LocalDate.class, Converters::date);
  }

  static UUID messageId(String value) {
    try {
      if (value.length() == 36) {
        return UUID.fromString(value);
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw new TypeConversionException(
        "'" + value + "' is not a message id (a UUID such as 3f1c2a9e-7d4b-4e8f-9a6c-2b5d8e1f0a37)");
  }

  static LocalDate date(String value) {
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw new TypeConversionException("'" + value + "' is not a date (YYYY-MM-DD)");
    }
  }
}
