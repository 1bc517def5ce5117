package io.outpost.broker;

/**
 * The one checked error of the broker module: a reason code for scripts and a message to act on.
 */
public final class BrokerException extends Exception {

  private static final long serialVersionUID = 1L;

  /** What went wrong, coarse enough to branch on. */
  public enum Reason {
    /** A value supplied by the caller is not acceptable (id, port, iteration count). */
    INVALID_ARGUMENT,
    /** A configuration file or directory the broker needs does not exist. */
    MISSING_FILE,
    /** A file exists but is not what it should be, such as a plain password in the users file. */
    CORRUPT_FILE,
    /** No password was supplied by any of the accepted sources. */
    NO_PASSWORD,
    /** The login or outlet to add exists already. */
    ALREADY_EXISTS,
    /** The login or outlet to remove does not exist. */
    UNKNOWN_ACCOUNT,
    /** The broker did not start or stop. */
    BROKER_FAILED,
    /** The file system refused a read or write. */
    IO
  }

  private final Reason reason;

  public BrokerException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public BrokerException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
