package io.outpost.outlet;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One sealed closing in the outbox and where it stands.
 *
 * @param name the entry's name inside the outbox (sequence and message id), for messages to people
 * @param receiptId the receipt that acknowledged or rejected it, or null
 * @param rejectReason what HQ said when it rejected it, or null
 */
public record OutboxEntry(
    String name,
    EntryMeta meta,
    EntryState state,
    Instant sentAt,
    Instant acknowledgedAt,
    Instant rejectedAt,
    UUID receiptId,
    String rejectReason) {

  public OutboxEntry {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(meta, "meta");
    Objects.requireNonNull(state, "state");
  }

  /** A freshly appended entry. */
  static OutboxEntry pending(String name, EntryMeta meta) {
    return new OutboxEntry(name, meta, EntryState.PENDING, null, null, null, null, null);
  }

  public UUID messageId() {
    return meta.messageId();
  }

  public long sequence() {
    return meta.sequence();
  }

  /** When the entry reached its current state (its creation while pending). */
  public Instant since() {
    return switch (state) {
      case PENDING -> meta.createdAt();
      case SENT -> sentAt;
      case ACKNOWLEDGED -> acknowledgedAt;
      case REJECTED -> rejectedAt;
    };
  }

  public Duration age(Instant now) {
    return Duration.between(meta.createdAt(), now);
  }
}
