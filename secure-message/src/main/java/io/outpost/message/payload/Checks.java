package io.outpost.message.payload;

import io.outpost.keystore.PartyIds;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/** The validation rules that several payload records share. */
final class Checks {

  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

  private static final Instant FIRST_INSTANT = Instant.parse("0000-01-01T00:00:00Z");
  private static final Instant END_INSTANT = Instant.parse("+10000-01-01T00:00:00Z");

  private Checks() {}

  static void header(
      String schema,
      String expectedSchema,
      UUID messageId,
      String from,
      String to,
      Instant createdAt) {
    if (!expectedSchema.equals(schema)) {
      throw new InvalidFieldException("schema", "must be \"" + expectedSchema + "\"");
    }
    present("messageId", messageId);
    party("from", from);
    party("to", to);
    if (from.equals(to)) {
      throw new InvalidFieldException("to", "must name a party other than the sender");
    }
    instant("createdAt", createdAt);
  }

  static <T> T present(String field, T value) {
    if (value == null) {
      throw new InvalidFieldException(field, "must not be null");
    }
    return value;
  }

  /** Accepts the instants that have a four-digit year, the only ones the codec reads back. */
  static Instant instant(String field, Instant value) {
    present(field, value);
    if (value.isBefore(FIRST_INSTANT) || !value.isBefore(END_INSTANT)) {
      throw new InvalidFieldException(field, "must lie in the years 0000 to 9999");
    }
    return value;
  }

  /** Accepts the dates that have a four-digit year, the only ones the codec reads back. */
  static LocalDate date(String field, LocalDate value) {
    present(field, value);
    if (value.getYear() < 0 || value.getYear() > 9999) {
      throw new InvalidFieldException(field, "must lie in the years 0000 to 9999");
    }
    return value;
  }

  static void party(String field, String id) {
    present(field, id);
    if (!PartyIds.isValid(id)) {
      throw new InvalidFieldException(
          field, "must be a party id: 1 to 63 of a-z, 0-9 and '-', not starting with '-'");
    }
  }

  /**
   * Checks a short human text (an sku, a product name): no control characters, no lone halves, and
   * no invisible formatting characters (zero-width spaces, byte order marks, bidirectional
   * overrides), which would let two different skus print alike or a name print reversed in HQ's
   * reports.
   */
  static String text(String field, String value, int maxLength) {
    present(field, value);
    if (value.isBlank()) {
      throw new InvalidFieldException(field, "must not be blank");
    }
    if (value.length() > maxLength) {
      throw new InvalidFieldException(field, "must be at most " + maxLength + " characters");
    }
    if (value.codePoints().anyMatch(Checks::isUnprintable)) {
      throw new InvalidFieldException(
          field,
          "must not contain control characters, invisible formatting characters (such as U+200B,"
              + " U+FEFF, U+202E) or unpaired surrogates");
    }
    return value;
  }

  private static boolean isUnprintable(int codePoint) {
    return Character.isISOControl(codePoint)
        || Character.getType(codePoint) == Character.FORMAT
        || (codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE);
  }

  static long atLeast(String field, long value, long minimum) {
    if (value < minimum) {
      throw new InvalidFieldException(field, "must be at least " + minimum);
    }
    return value;
  }

  /** Accepts only currencies with a minor unit: money is a count of minor units. */
  static Currency currency(String field, Currency currency) {
    present(field, currency);
    if (currency.getDefaultFractionDigits() < 0) {
      throw new InvalidFieldException(field, "must be an ISO 4217 currency with a minor unit");
    }
    return currency;
  }

  static String sha256Hex(String field, String value) {
    present(field, value);
    if (!SHA256_HEX.matcher(value).matches()) {
      throw new InvalidFieldException(
          field, "must be a SHA-256 digest in 64 lower-case hex digits");
    }
    return value;
  }

  /** Checks a list of 1 to {@code maxSize} non-null elements and returns an immutable copy. */
  static <T> List<T> elements(String field, List<T> values, int maxSize) {
    present(field, values);
    if (values.isEmpty()) {
      throw new InvalidFieldException(field, "must not be empty");
    }
    if (values.size() > maxSize) {
      throw new InvalidFieldException(field, "must have at most " + maxSize + " elements");
    }
    for (int i = 0; i < values.size(); i++) {
      present(field + "[" + i + "]", values.get(i));
    }
    return List.copyOf(values);
  }

  /** Sums amounts exactly; an overflow is reported against {@code field}. */
  static long sum(String field, long a, long b) {
    try {
      return Math.addExact(a, b);
    } catch (ArithmeticException e) {
      throw new InvalidFieldException(field, "the sum overflows a 64-bit integer");
    }
  }
}
