package io.outpost.bench;

/** A benchmark run that could not be done, with the reason. */
public final class BenchException extends Exception {

  private static final long serialVersionUID = 1L;

  /** Why. */
  public enum Reason {
    /** The command line is wrong. */
    USAGE,
    /** A benchmark failed, or its fixtures did not verify. */
    RUN_FAILED,
    /** The results could not be written. */
    WRITE_FAILED
  }

  private final Reason reason;

  public BenchException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public BenchException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
