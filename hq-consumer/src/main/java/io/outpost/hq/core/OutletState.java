package io.outpost.hq.core;

import java.time.Instant;
import java.util.Objects;

/** Where an outlet's chain of stored closings stands. */
public record OutletState(String id, long lastSequence, String lastDigest, Instant lastSeen) {

  public OutletState {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(lastDigest, "lastDigest");
    Objects.requireNonNull(lastSeen, "lastSeen");
  }
}
