package io.outpost.hq.core;

import java.util.Objects;
import java.util.UUID;

/**
 * What storing one closing came to. A rejection has a short reason code (what the outlet's receipt
 * says) and a detail (for HQ's operators); other outcomes have neither.
 */
public record StoreOutcome(UUID messageId, Kind kind, String reason, String detail) {

  /** The three answers a receipt entry can give. */
  public enum Kind {
    /** Stored now. */
    STORED,
    /** Stored before under the same message id; nothing stored now. */
    DUPLICATE,
    /** Verified, but refused by a business rule; nothing of its sales stored. */
    REJECTED
  }

  public StoreOutcome {
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(kind, "kind");
    if ((kind == Kind.REJECTED) != (reason != null) || (reason == null) != (detail == null)) {
      throw new IllegalArgumentException("a reason and detail go with REJECTED and only with it");
    }
  }

  public static StoreOutcome stored(UUID messageId) {
    return new StoreOutcome(messageId, Kind.STORED, null, null);
  }

  public static StoreOutcome duplicate(UUID messageId) {
    return new StoreOutcome(messageId, Kind.DUPLICATE, null, null);
  }

  public static StoreOutcome rejected(UUID messageId, Rejection rejection) {
    return new StoreOutcome(messageId, Kind.REJECTED, rejection.code(), rejection.detail());
  }

  /** A business rule a verified closing broke. */
  public record Rejection(String code, String detail) {

    /** A second original closing for an outlet's business day. */
    public static final String DAY_ALREADY_CLOSED = "DAY_ALREADY_CLOSED";

    /** An amendment of a closing HQ does not hold for that outlet and day. */
    public static final String AMENDS_UNKNOWN_CLOSING = "AMENDS_UNKNOWN_CLOSING";

    public Rejection {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(detail, "detail");
    }
  }
}
