package io.outpost.message.payload;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.UUID;

/**
 * An outlet's sales for one business day ({@code outpost.closing/1}).
 *
 * <p>Closings form a chain per outlet: {@code sequence} counts them from 1 and {@code
 * previousDigest} is the SHA-256 of the previous closing's payload bytes, so that HQ sees a gap or
 * a fork. A second closing for a business day names the one it corrects in {@code amends}. Every
 * amount is checked: {@code amount = quantity × unitPrice} per line and {@code total} is the sum,
 * all in exact 64-bit arithmetic.
 */
public record Closing(
    String schema,
    UUID messageId,
    String from,
    String to,
    Instant createdAt,
    LocalDate businessDate,
    long sequence,
    @JsonSetter(nulls = Nulls.SET) String previousDigest,
    @JsonSetter(nulls = Nulls.SET) UUID amends,
    Currency currency,
    List<ClosingLine> lines,
    long total)
    implements Payload {

  /** The schema name of this payload. */
  public static final String SCHEMA = "outpost.closing/1";

  /** The most lines one closing may carry. */
  public static final int MAX_LINES = 10_000;

  @JsonCreator
  public Closing {
    Checks.header(schema, SCHEMA, messageId, from, to, createdAt);
    Checks.date("businessDate", businessDate);
    Checks.atLeast("sequence", sequence, 1);
    if (sequence == 1) {
      if (previousDigest != null) {
        throw new InvalidFieldException("previousDigest", "must be null when sequence is 1");
      }
      if (amends != null) {
        throw new InvalidFieldException("amends", "must be null when sequence is 1");
      }
    } else if (previousDigest == null) {
      throw new InvalidFieldException(
          "previousDigest", "must be the previous closing's digest when sequence is above 1");
    } else {
      Checks.sha256Hex("previousDigest", previousDigest);
    }
    if (amends != null && amends.equals(messageId)) {
      throw new InvalidFieldException("amends", "must name another closing than this one");
    }
    Checks.currency("currency", currency);
    lines = Checks.elements("lines", lines, MAX_LINES);
    long sum = 0;
    for (ClosingLine line : lines) {
      sum = Checks.sum("total", sum, line.amount());
    }
    if (total != sum) {
      throw new InvalidFieldException("total", "must equal the sum of the line amounts");
    }
  }

  /** A closing with this type's schema name. */
  public Closing(
      UUID messageId,
      String from,
      String to,
      Instant createdAt,
      LocalDate businessDate,
      long sequence,
      String previousDigest,
      UUID amends,
      Currency currency,
      List<ClosingLine> lines,
      long total) {
    this(
        SCHEMA,
        messageId,
        from,
        to,
        createdAt,
        businessDate,
        sequence,
        previousDigest,
        amends,
        currency,
        lines,
        total);
  }

  /** Names the closing without its figures, which stay out of logs. */
  @Override
  public String toString() {
    return "Closing[messageId="
        + messageId
        + ", from="
        + from
        + ", to="
        + to
        + ", businessDate="
        + businessDate
        + ", sequence="
        + sequence
        + ", lines="
        + lines.size()
        + "]";
  }
}
