package io.outpost.message;

import java.util.Objects;

/**
 * The one checked error of secure messages: a message was refused. The reason is coarse enough to
 * branch on (quarantine, answer "rejected"); the message tells an operator what to look at.
 */
public final class SecureMessageException extends Exception {

  /** Why a message was refused. */
  public enum Reason {
    /** The message is larger than the configured limit; nothing of it was parsed. */
    TOO_LARGE,
    /** The bytes are not the CMS structure the profile expects. */
    MALFORMED,
    /** The signer is neither a pinned peer nor ourselves. */
    UNKNOWN_SENDER,
    /** A signature does not verify with the signer's pinned certificate. */
    BAD_SIGNATURE,
    /** The content key cannot be unwrapped or the AES-GCM tag does not verify. */
    DECRYPT_FAILED,
    /** The signed message digest does not match the content. */
    DIGEST_MISMATCH,
    /** The outer and inner layers were signed by different certificates. */
    SENDER_MISMATCH,
    /** The message was not encrypted for our certificate. */
    NOT_FOR_US,
    /** The signer's certificate is outside its validity period. */
    EXPIRED,
    /** The signer's certificate is pinned but revoked. */
    REVOKED,
    /** The verified payload is not a valid document of its schema. */
    INVALID_PAYLOAD,
    /** The message is of another kind than the one expected (sealed versus signed, schema). */
    WRONG_TYPE
  }

  private final Reason reason;

  public SecureMessageException(Reason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public SecureMessageException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public Reason reason() {
    return reason;
  }

  @Override
  public String toString() {
    return "SecureMessageException[" + reason + "]: " + getMessage();
  }
}
