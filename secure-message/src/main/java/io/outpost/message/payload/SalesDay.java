package io.outpost.message.payload;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.UUID;

/**
 * A business day's sales as an outlet hands them to be sealed: business data only, without the
 * header and chain fields that make it a {@link Closing}.
 */
public record SalesDay(
    @JsonProperty(required = true) LocalDate businessDate,
    @JsonProperty(required = true) Currency currency,
    @JsonProperty(required = true) List<SalesLine> lines) {

  public SalesDay {
    Checks.date("businessDate", businessDate);
    Checks.currency("currency", currency);
    lines = Checks.elements("lines", lines, Closing.MAX_LINES);
    long sum = 0;
    for (SalesLine line : lines) {
      sum = Checks.sum("lines", sum, line.amount());
    }
  }

  /**
   * The closing that carries these sales, with each line's amount and the total computed.
   *
   * @throws IllegalArgumentException if a header or chain value is not valid for a closing
   */
  public Closing toClosing(
      UUID messageId,
      String from,
      String to,
      Instant createdAt,
      long sequence,
      String previousDigest,
      UUID amends) {
    List<ClosingLine> closingLines = lines.stream().map(SalesLine::toClosingLine).toList();
    long total = closingLines.stream().mapToLong(ClosingLine::amount).sum();
    return new Closing(
        messageId,
        from,
        to,
        createdAt,
        businessDate,
        sequence,
        previousDigest,
        amends,
        currency,
        closingLines,
        total);
  }

  /** Names the day without its figures, which stay out of logs. */
  @Override
  public String toString() {
    return "SalesDay[businessDate="
        + businessDate
        + ", currency="
        + currency
        + ", lines="
        + lines.size()
        + "]";
  }
}
