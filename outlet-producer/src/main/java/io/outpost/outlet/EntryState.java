package io.outpost.outlet;

/** Where an outbox entry stands: sealed, on the broker, stored by HQ, or refused by HQ. */
public enum EntryState {
  /** Sealed into the outbox; the broker has not confirmed it yet. */
  PENDING,
  /** The broker persisted it; HQ's receipt has not arrived. */
  SENT,
  /** HQ's verified receipt names it with the same content digest. */
  ACKNOWLEDGED,
  /** HQ's verified receipt says it was rejected. */
  REJECTED;

  /**
   * Whether a change to {@code next} is allowed; a repeated state is allowed and changes nothing.
   */
  public boolean canBecome(EntryState next) {
    if (next == this) {
      return true;
    }
    return switch (this) {
      case PENDING -> true;
        // a receipt can overtake the SENT mark when a command died between send and mark
      case SENT -> next == ACKNOWLEDGED || next == REJECTED;
      case ACKNOWLEDGED, REJECTED -> false;
    };
  }
}
