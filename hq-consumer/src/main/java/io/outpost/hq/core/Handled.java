package io.outpost.hq.core;

import java.util.Objects;

/**
 * What became of one consumed message, for the log line it gets: never a sales figure.
 *
 * @param messageId the payload's message id once verified, else null
 * @param sender the verified signer, or the claimed sender of a refused message
 * @param detail the reason of a refusal or rejection, or a note; may be null
 */
public record Handled(
    String kind, String messageId, String sender, Outcome outcome, String detail) {

  /** The ends a consumed message can come to. */
  public enum Outcome {
    STORED,
    DUPLICATE,
    REJECTED,
    QUARANTINED,
    ANSWERED,
    UNANSWERED
  }

  public Handled {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(outcome, "outcome");
  }

  /** The log line: kind, id, sender, outcome and detail. */
  public String describe() {
    return kind
        + " "
        + (messageId == null ? "(unverified)" : messageId)
        + " from "
        + (sender == null ? "(unknown)" : sender)
        + ": "
        + outcome
        + (detail == null ? "" : " - " + detail);
  }
}
