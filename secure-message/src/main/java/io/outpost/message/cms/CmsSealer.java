package io.outpost.message.cms;

import io.outpost.keystore.Certificates;
import io.outpost.keystore.Identity;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Seals and signs messages as one identity, in Outpost's CMS profile (see CRYPTO-NOTES.md).
 *
 * <p>{@link #seal} triple-wraps (RFC 2634 §1.1): an inner SignedData over the payload, an
 * AuthEnvelopedData (AES-256-GCM, fresh key and nonce) around it for the recipient and for
 * ourselves, and an outer SignedData around that. Each layer holds a complete ContentInfo, so the
 * three {@code openssl cms} steps chain directly. {@link #sign} makes a single SignedData for
 * content that is not secret (menus, receipts, menu requests).
 *
 * <p>Guarantees confidentiality to the holders of the recipient's and our private keys, and
 * integrity and origin to anyone holding our certificate. It does not bind sender, recipient or
 * message id into the payload: the payload itself must name them. Thread-safe.
 */
public final class CmsSealer {

  private final Identity self;
  private final Clock clock;
  private final SignedDataWriter signer;
  private final AuthEnvelopeWriter envelope;

  public CmsSealer(Identity self, Clock clock) {
    this.self = Objects.requireNonNull(self, "self");
    this.clock = Objects.requireNonNull(clock, "clock");
    SecureRandom random = new SecureRandom();
    this.signer = new SignedDataWriter(self, clock, random);
    this.envelope = new AuthEnvelopeWriter(random);
  }

  /**
   * Signs, encrypts for {@code recipient} and for ourselves, and signs again.
   *
   * @throws IllegalArgumentException if the recipient certificate is not an RSA certificate valid
   *     now; pick it with {@code TrustStore.encryptionCertificate}
   */
  public byte[] seal(byte[] payload, X509Certificate recipient) {
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(recipient, "recipient");
    Instant now = clock.instant();
    if (!(recipient.getPublicKey() instanceof RSAPublicKey)) {
      throw new IllegalArgumentException(
          "recipient certificate " + recipient.getSubjectX500Principal() + " has no RSA key");
    }
    if (!Certificates.isValidAt(recipient, now)) {
      throw new IllegalArgumentException(
          "recipient certificate "
              + recipient.getSubjectX500Principal()
              + " is not valid at "
              + now
              + "; pin the peer's current certificate");
    }
    byte[] inner = signer.sign(payload, CmsProfile.DATA);
    byte[] enveloped = envelope.encrypt(inner, List.of(recipient, self.certificate()));
    return signer.sign(enveloped, CmsProfile.AUTH_ENVELOPED_DATA);
  }

  /** A single SignedData that encapsulates {@code payload} (content type id-data). */
  public byte[] sign(byte[] payload) {
    Objects.requireNonNull(payload, "payload");
    return signer.sign(payload, CmsProfile.DATA);
  }
}
