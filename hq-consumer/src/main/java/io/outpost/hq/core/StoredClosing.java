package io.outpost.hq.core;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;

/** A stored closing without its lines and evidence: what reports and audits look at. */
public record StoredClosing(
    UUID messageId,
    String outletId,
    LocalDate businessDate,
    long sequence,
    String previousDigest,
    UUID amends,
    String currency,
    long total,
    String contentDigest,
    Instant createdAt,
    Instant receivedAt) {

  public StoredClosing {
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(outletId, "outletId");
    Objects.requireNonNull(businessDate, "businessDate");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(contentDigest, "contentDigest");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(receivedAt, "receivedAt");
  }

  @Override
  public String toString() {
    return "StoredClosing[" + messageId + " from " + outletId + " for " + businessDate + "]";
  }
}
