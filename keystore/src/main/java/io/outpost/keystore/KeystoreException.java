package io.outpost.keystore;

/**
 * The one checked error of the keystore: a reason code for scripts and a message a person can act
 * on.
 */
public final class KeystoreException extends Exception {

  /** What went wrong, coarse enough to branch on. */
  public enum Reason {
    /** A file the identity or trust store needs does not exist. */
    MISSING_FILE,
    /** A file exists but cannot be parsed as what it should be. */
    CORRUPT_FILE,
    /** The password does not decrypt the private key. */
    WRONG_PASSWORD,
    /** No password was supplied by any of the accepted sources. */
    NO_PASSWORD,
    /** An identity already exists where a new one was to be created. */
    ALREADY_EXISTS,
    /** A peer certificate's fingerprint differs from the one compared out of band. */
    FINGERPRINT_MISMATCH,
    /** A certificate is outside its validity period. */
    EXPIRED,
    /** The peer or certificate is not pinned. */
    UNKNOWN_PEER,
    /** A value supplied by the caller is not acceptable (key size, id, days). */
    INVALID_ARGUMENT,
    /** The file system refused a read or write. */
    IO
  }

  private final Reason reason;

  public KeystoreException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public KeystoreException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
