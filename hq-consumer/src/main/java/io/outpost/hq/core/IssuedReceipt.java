package io.outpost.hq.core;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** A receipt HQ signed for one outlet, and the pending entries it answers. */
public record IssuedReceipt(
    UUID id, String outletId, byte[] signed, Instant createdAt, List<PendingEntry> covers) {

  public IssuedReceipt {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(outletId, "outletId");
    Objects.requireNonNull(signed, "signed");
    Objects.requireNonNull(createdAt, "createdAt");
    covers = List.copyOf(covers);
    if (covers.isEmpty()) {
      throw new IllegalArgumentException("a receipt answers at least one closing");
    }
    for (PendingEntry entry : covers) {
      if (!entry.outletId().equals(outletId)) {
        throw new IllegalArgumentException(
            "receipt for " + outletId + " cannot answer a closing of " + entry.outletId());
      }
    }
  }
}
