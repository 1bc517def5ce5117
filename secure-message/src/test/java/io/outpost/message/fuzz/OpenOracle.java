package io.outpost.message.fuzz;

import io.outpost.message.SecureMessageException;
import io.outpost.message.SecureMessageException.Reason;
import io.outpost.message.Verified;
import io.outpost.message.payload.Payload;
import io.outpost.message.payload.PayloadCodec;
import io.outpost.message.payload.PayloadException;
import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Primitive;

/**
 * The answers an {@code open} call may give the fuzzer: a refusal with a {@link
 * SecureMessageException}, or a verified message the oracle approves. Any other exception escapes
 * and is a finding.
 */
final class OpenOracle {

  private static final PayloadCodec CODEC = new PayloadCodec();

  /** Jazzer fuzzes when JAZZER_FUZZ is set to anything; otherwise it replays saved inputs. */
  private static final boolean FUZZING =
      System.getenv("JAZZER_FUZZ") != null && !System.getenv("JAZZER_FUZZ").isEmpty();

  private OpenOracle() {}

  /** One call to {@code open} that may refuse its message. */
  @FunctionalInterface
  interface Open<T extends Payload> {
    Verified<T> open() throws SecureMessageException;
  }

  /** The verified message, or empty if it was refused with a reason. */
  static <T extends Payload> Optional<Verified<T>> attempt(Open<T> open) {
    try {
      return Optional.of(open.open());
    } catch (SecureMessageException refused) {
      if (refused.reason() == null || refused.getMessage() == null) {
        throw new AssertionError("a refusal without a reason or a message", refused);
      }
      return Optional.empty();
    }
  }

  /**
   * Whether a fuzzed payload is worth the public-key operations of sealing and opening it: always
   * when the codec accepts it or when saved inputs are replayed; while fuzzing, for one in 64 of
   * the documents the codec refuses (chosen by content). {@code open} decodes with the same codec,
   * so each refused document would only confirm INVALID_PAYLOAD again, at a fortieth of the speed
   * the fuzzer has for the documents where the sender, recipient and type checks decide.
   */
  static boolean worthSealing(byte[] json) {
    try {
      CODEC.decodeAny(json);
      return true;
    } catch (PayloadException refused) {
      return sampled(json);
    }
  }

  /**
   * Whether a fuzzed CMS layer is worth signing or encrypting around: always when it is one whole
   * ASN.1 value or when saved inputs are replayed; while fuzzing, for one in 64 of the rest. Bytes
   * that are not even DER stop at the same parse that {@code openClosing_message} fuzzes directly,
   * many times faster.
   */
  static boolean worthWrapping(byte[] layer) {
    try {
      ASN1Primitive.fromByteArray(layer);
      return true;
    } catch (IOException | RuntimeException notDer) {
      return sampled(layer);
    }
  }

  /** Replaying checks every input fully, so a finding never depends on how it was sampled. */
  private static boolean sampled(byte[] input) {
    return !FUZZING || (Arrays.hashCode(input) & 63) == 0;
  }

  /**
   * For a payload that {@code signer} really signed and sealed or signed correctly, the verdict
   * must be the codec's and the binding's: accepted exactly when the document is a valid payload of
   * {@code type}, from the signer and to {@code recipient}; otherwise refused with the one reason
   * that says why.
   */
  static <T extends Payload> void requireBinding(
      byte[] json, Class<T> type, String signer, String recipient, Open<T> open) {
    Payload decoded;
    try {
      decoded = CODEC.decodeAny(json);
    } catch (PayloadException e) {
      decoded = null;
    }
    Reason due = due(decoded, type, signer, recipient);
    Verified<T> verified;
    try {
      verified = open.open();
    } catch (SecureMessageException refused) {
      if (refused.reason() != due) {
        throw new AssertionError(
            "refused with "
                + refused.reason()
                + " where "
                + (due == null ? "acceptance" : due)
                + " was due",
            refused);
      }
      return;
    }
    if (due != null) {
      throw new AssertionError(
          "accepted " + verified + " where a refusal with " + due + " was due");
    }
    if (!verified.payload().equals(decoded)
        || !verified.signerId().equals(signer)
        || !Arrays.equals(verified.payloadBytes(), json)
        || !verified.contentDigest().equals(Genuine.sha256Hex(json))) {
      throw new AssertionError("accepted " + verified + " but not as the signed bytes say");
    }
  }

  private static Reason due(Payload decoded, Class<?> type, String signer, String recipient) {
    if (decoded == null) {
      return Reason.INVALID_PAYLOAD;
    }
    if (!type.isInstance(decoded)) {
      return Reason.WRONG_TYPE;
    }
    if (!decoded.from().equals(signer)) {
      return Reason.SENDER_MISMATCH;
    }
    if (!decoded.to().equals(recipient)) {
      return Reason.NOT_FOR_US;
    }
    return null;
  }
}
