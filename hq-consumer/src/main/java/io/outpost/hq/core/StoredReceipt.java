package io.outpost.hq.core;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A signed receipt as stored; {@code sentAt} is null until the broker accepted it. */
public record StoredReceipt(
    UUID id, String outletId, byte[] signed, Instant createdAt, Instant sentAt) {

  public StoredReceipt {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(outletId, "outletId");
    Objects.requireNonNull(signed, "signed");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
