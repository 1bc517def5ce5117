package io.outpost.outlet;

/**
 * The one checked error of the outlet: a reason code for scripts and a message a person can act on.
 */
public final class OutletException extends Exception {

  /** What went wrong, coarse enough to choose an exit code and a next step. */
  public enum Reason {
    /** A configuration value is missing or not acceptable; the message names it. */
    CONFIG,
    /** The sales file or an argument is not acceptable. */
    INVALID_INPUT,
    /** A closing for this business day is already in the outbox and no amendment was asked for. */
    ALREADY_CLOSED,
    /** An outbox entry is truncated, altered or unreadable; the message names the file. */
    OUTBOX_CORRUPT,
    /** Another outlet command holds the outbox lock. */
    OUTBOX_LOCKED,
    /** The keys or pinned certificates could not be loaded. */
    KEYS,
    /** A message from the broker failed verification (signature, signer, recipient or payload). */
    REFUSED,
    /** A verified receipt disagrees with the outbox (digest, business date or sequence). */
    RECEIPT_MISMATCH,
    /** A menu older than the cached one. */
    STALE_MENU,
    /** No verified menu is cached. */
    NO_MENU,
    /** The broker refused our login or an operation on an address. */
    NOT_AUTHORIZED,
    /** The broker stayed unreachable, or HQ did not answer in time. */
    OFFLINE,
    /** The file system refused a read or write. */
    IO
  }

  private final Reason reason;

  public OutletException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public OutletException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
