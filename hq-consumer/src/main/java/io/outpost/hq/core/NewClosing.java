package io.outpost.hq.core;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A verified closing as HQ stores it: the business facts, the digest of the signed payload and the
 * inner SignedData that proves who signed it.
 */
public record NewClosing(
    UUID messageId,
    String outletId,
    LocalDate businessDate,
    long sequence,
    String previousDigest,
    UUID amends,
    String currency,
    long total,
    List<Line> lines,
    String contentDigest,
    Instant createdAt,
    byte[] evidence) {

  public NewClosing {
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(outletId, "outletId");
    Objects.requireNonNull(businessDate, "businessDate");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(contentDigest, "contentDigest");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(evidence, "evidence");
    if (sequence < 1) {
      throw new IllegalArgumentException("sequence must be at least 1, was " + sequence);
    }
    lines = List.copyOf(lines);
  }

  /** One sales line, amounts in minor units of the closing's currency. */
  public record Line(String sku, String name, long quantity, long unitPrice, long amount) {

    public Line {
      Objects.requireNonNull(sku, "sku");
      Objects.requireNonNull(name, "name");
    }
  }

  @Override
  public String toString() {
    // Sales figures stay out of logs and exception messages.
    return "NewClosing[" + messageId + " from " + outletId + " for " + businessDate + "]";
  }
}
