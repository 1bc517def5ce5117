package io.outpost.hq.core;

import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;

/**
 * A closing that still needs a receipt entry, as the store holds it. {@code outcome} is what the
 * entry will say; {@code reason}, the rejection's short code, is set for REJECTED only.
 */
public record PendingEntry(
    String outletId,
    UUID messageId,
    String contentDigest,
    LocalDate businessDate,
    long sequence,
    StoreOutcome.Kind outcome,
    String reason) {

  public PendingEntry {
    Objects.requireNonNull(outletId, "outletId");
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(contentDigest, "contentDigest");
    Objects.requireNonNull(businessDate, "businessDate");
    Objects.requireNonNull(outcome, "outcome");
  }
}
