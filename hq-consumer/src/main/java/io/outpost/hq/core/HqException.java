package io.outpost.hq.core;

/** The one checked error of HQ: a reason code to branch on and a message a person can act on. */
public final class HqException extends Exception {

  /** What went wrong, coarse enough to decide between retrying, quarantining and giving up. */
  public enum Reason {
    /** A configuration value is missing or wrong; the message names the setting. */
    CONFIG,
    /** The database failed; transient, the work is rolled back and retried. */
    STORAGE,
    /** The broker failed; transient, the work is rolled back and retried. */
    BROKER,
    /** HQ's identity or trust store cannot be used. */
    KEYS,
    /** No stored closing, receipt or menu has the given id. */
    NOT_FOUND,
    /** A message or archived evidence did not verify. */
    VERIFICATION,
    /** A file could not be read or written. */
    IO
  }

  private final Reason reason;

  public HqException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public HqException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
