package io.outpost.message.cms;

import static io.outpost.message.SecureMessageException.Reason.SENDER_MISMATCH;
import static io.outpost.message.SecureMessageException.Reason.TOO_LARGE;

import io.outpost.keystore.Identity;
import io.outpost.keystore.TrustStore;
import io.outpost.message.SecureMessageException;
import io.outpost.message.cms.Layers.Layer;
import io.outpost.message.cms.SignedDataVerifier.Verified;
import java.time.Clock;
import java.util.Objects;

/**
 * Opens messages made by {@link CmsSealer} or by {@code openssl cms} in the same profile, trusting
 * only pinned certificates (and our own, to read back what we sealed).
 *
 * <p>{@link #openSealed} checks, in this order: size; structure; the outer signer is pinned, not
 * revoked and valid now; the outer signature. Only then does it use our private key: it decrypts
 * (the plaintext exists only once the AES-GCM tag verified), checks the inner SignedData the same
 * way, and requires the same certificate to have signed both layers. Forged traffic therefore costs
 * a public-key operation, never a private-key one.
 *
 * <p>Every failure is a {@link SecureMessageException} with a reason; nothing is returned that did
 * not verify. The payload's own claims (sender, recipient, type, message id) are the caller's to
 * bind to {@link OpenedMessage#signer()}. Thread-safe.
 */
public final class CmsOpener {

  private final SignedDataVerifier verifier;
  private final AuthEnvelopeReader envelopes;
  private final int maxBytes;

  public CmsOpener(Identity self, TrustStore trust, Clock clock, int maxBytes) {
    Objects.requireNonNull(self, "self");
    Objects.requireNonNull(trust, "trust");
    Objects.requireNonNull(clock, "clock");
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("maxBytes must be positive, was " + maxBytes);
    }
    this.verifier = new SignedDataVerifier(self, trust, clock);
    this.envelopes = new AuthEnvelopeReader(self);
    this.maxBytes = maxBytes;
  }

  /** Opens a triple-wrapped message: outer SignedData, AuthEnvelopedData, inner SignedData. */
  public OpenedMessage openSealed(byte[] message) throws SecureMessageException {
    checkSize(message);
    Layer outerLayer = Layers.read(message, CmsProfile.SIGNED_DATA, false, "the message");
    Verified outer =
        verifier.verify(
            outerLayer.contentInfo(), CmsProfile.AUTH_ENVELOPED_DATA, "the outer SignedData");
    Layer envelope =
        Layers.read(outer.content(), CmsProfile.AUTH_ENVELOPED_DATA, true, "the AuthEnvelopedData");
    byte[] plaintext = envelopes.decrypt(envelope.contentInfo());
    Layer innerLayer =
        Layers.read(plaintext, CmsProfile.SIGNED_DATA, true, "the decrypted inner SignedData");
    Verified inner =
        verifier.verify(innerLayer.contentInfo(), CmsProfile.DATA, "the inner SignedData");
    if (!outer.signer().fingerprint().equals(inner.signer().fingerprint())) {
      throw new SecureMessageException(
          SENDER_MISMATCH,
          "the outer layer was signed by '"
              + outer.signer().peerId()
              + "' (sha256 "
              + outer.signer().fingerprint()
              + ") but the payload by '"
              + inner.signer().peerId()
              + "' (sha256 "
              + inner.signer().fingerprint()
              + "): a signed payload was re-wrapped by another party");
    }
    return opened(inner, innerLayer.encoded());
  }

  /** Opens a single SignedData (menu, receipt, menu request); the archive is the message itself. */
  public OpenedMessage openSigned(byte[] message) throws SecureMessageException {
    checkSize(message);
    Layer layer = Layers.read(message, CmsProfile.SIGNED_DATA, false, "the message");
    Verified verified = verifier.verify(layer.contentInfo(), CmsProfile.DATA, "the SignedData");
    return opened(verified, layer.encoded());
  }

  private static OpenedMessage opened(Verified verified, byte[] signedData) {
    return new OpenedMessage(
        verified.signer(),
        verified.content(),
        signedData,
        OpenedMessage.sha256Hex(verified.content()),
        verified.signingTime());
  }

  private void checkSize(byte[] message) throws SecureMessageException {
    Objects.requireNonNull(message, "message");
    if (message.length > maxBytes) {
      throw new SecureMessageException(
          TOO_LARGE,
          "the message has "
              + message.length
              + " bytes, more than the limit of "
              + maxBytes
              + "; it was not parsed");
    }
  }
}
