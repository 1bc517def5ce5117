package io.outpost.message.cms;

import io.outpost.keystore.PinnedCertificate;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A message whose signatures (and, when sealed, whose AES-GCM tag) verified: who signed it, the
 * payload, and the evidence to archive.
 *
 * <p>{@code signer} is the pinned certificate (or our own) that verified the signature over the
 * payload. {@code innerSignedData} is the exact DER of the SignedData ContentInfo over the payload:
 * an auditor verifies it later with the signer's certificate alone. {@code contentDigest} is the
 * SHA-256 of the payload in lower-case hex, and {@code signingTime} the signer's claimed signing
 * time. The payload is not interpreted here: whether its sender, recipient and type fit is the
 * caller's check. Arrays are copied in and out.
 */
public record OpenedMessage(
    PinnedCertificate signer,
    byte[] payload,
    byte[] innerSignedData,
    String contentDigest,
    Instant signingTime) {

  public OpenedMessage {
    Objects.requireNonNull(signer, "signer");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(innerSignedData, "innerSignedData");
    Objects.requireNonNull(contentDigest, "contentDigest");
    Objects.requireNonNull(signingTime, "signingTime");
    payload = payload.clone();
    innerSignedData = innerSignedData.clone();
    if (!contentDigest.equals(sha256Hex(payload))) {
      throw new IllegalArgumentException("contentDigest is not the SHA-256 of the payload");
    }
  }

  /** The signer's party id. */
  public String signerId() {
    return signer.peerId();
  }

  @Override
  public byte[] payload() {
    return payload.clone();
  }

  @Override
  public byte[] innerSignedData() {
    return innerSignedData.clone();
  }

  static String sha256Hex(byte[] bytes) {
    MessageDigest digest = Sha256Digests.newDigest();
    return HexFormat.of().formatHex(digest.digest(bytes));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof OpenedMessage that
        && signer.equals(that.signer)
        && Arrays.equals(payload, that.payload)
        && Arrays.equals(innerSignedData, that.innerSignedData)
        && contentDigest.equals(that.contentDigest)
        && signingTime.equals(that.signingTime);
  }

  @Override
  public int hashCode() {
    return Objects.hash(signer, Arrays.hashCode(payload), contentDigest, signingTime);
  }

  /** Names the signer and the digest, never the payload (it may hold sales figures). */
  @Override
  public String toString() {
    return "OpenedMessage[signer="
        + signer.peerId()
        + ", sha256="
        + contentDigest
        + ", bytes="
        + payload.length
        + ", signingTime="
        + signingTime
        + "]";
  }
}
