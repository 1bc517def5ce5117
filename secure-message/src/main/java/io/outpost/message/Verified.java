package io.outpost.message;

import io.outpost.message.payload.Payload;
import java.util.Objects;

/**
 * A payload whose signature verified and whose header is bound to its signer: {@code from} is the
 * signer, {@code to} is us (or every outlet, for a menu), and the schema is the one expected.
 *
 * <p>{@code payloadBytes} are the exact signed JSON; {@code contentDigest} their SHA-256 in
 * lower-case hex; {@code evidence} the DER of the SignedData over them, which an auditor verifies
 * later with the signer's certificate alone. Arrays are copied in and out.
 */
public record Verified<T extends Payload>(
    T payload, String signerId, byte[] payloadBytes, String contentDigest, byte[] evidence) {

  public Verified {
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(signerId, "signerId");
    Objects.requireNonNull(contentDigest, "contentDigest");
    payloadBytes = payloadBytes.clone();
    evidence = evidence.clone();
  }

  @Override
  public byte[] payloadBytes() {
    return payloadBytes.clone();
  }

  @Override
  public byte[] evidence() {
    return evidence.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Verified<?> that && contentDigest.equals(that.contentDigest)
        && signerId.equals(that.signerId);
  }

  @Override
  public int hashCode() {
    return Objects.hash(signerId, contentDigest);
  }

  @Override
  public String toString() {
    return "Verified[" + payload.schema() + " " + payload.messageId() + " from " + signerId + "]";
  }
}
