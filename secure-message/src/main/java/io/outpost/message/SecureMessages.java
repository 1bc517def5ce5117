package io.outpost.message;

import static io.outpost.message.SecureMessageException.Reason.INVALID_PAYLOAD;
import static io.outpost.message.SecureMessageException.Reason.NOT_FOR_US;
import static io.outpost.message.SecureMessageException.Reason.SENDER_MISMATCH;
import static io.outpost.message.SecureMessageException.Reason.UNKNOWN_SENDER;
import static io.outpost.message.SecureMessageException.Reason.WRONG_TYPE;

import io.outpost.keystore.Identity;
import io.outpost.keystore.TrustStore;
import io.outpost.message.cms.CmsOpener;
import io.outpost.message.cms.CmsSealer;
import io.outpost.message.cms.OpenedMessage;
import io.outpost.message.payload.Closing;
import io.outpost.message.payload.Menu;
import io.outpost.message.payload.Payload;
import io.outpost.message.payload.PayloadCodec;
import io.outpost.message.payload.PayloadException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Objects;

/**
 * Outpost's messages as one party sees them: closings sealed (signed, encrypted, signed) for HQ,
 * menus, menu requests and receipts signed in the clear.
 *
 * <p>Opening is told what it expects and fails on any mismatch: the schema, the signer (who must be
 * the payload's {@code from}), and the recipient (who must be us, or every outlet for a menu). It
 * returns only what verified; every failure is a {@link SecureMessageException} with a reason.
 * Thread-safe.
 */
public final class SecureMessages {

  /** A sealed 20 KB closing is far below this; anything larger is refused before any crypto. */
  public static final int MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

  private final Identity self;
  private final TrustStore trust;
  private final Clock clock;
  private final CmsSealer sealer;
  private final CmsOpener opener;
  private final PayloadCodec codec = new PayloadCodec();

  public SecureMessages(Identity self, TrustStore trust, Clock clock) {
    this.self = Objects.requireNonNull(self, "self");
    this.trust = Objects.requireNonNull(trust, "trust");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sealer = new CmsSealer(self, clock);
    this.opener = new CmsOpener(self, trust, clock, MAX_MESSAGE_BYTES);
  }

  public String selfId() {
    return self.id();
  }

  /** Seals a closing for the newest usable pinned certificate of its recipient, and for us. */
  public byte[] sealClosing(Closing closing) throws SecureMessageException {
    requireFromUs(closing);
    X509Certificate recipient =
        trust
            .encryptionCertificate(closing.to(), clock.instant())
            .orElseThrow(
                () ->
                    new SecureMessageException(
                        UNKNOWN_SENDER,
                        "no usable certificate is pinned for '"
                            + closing.to()
                            + "'; pin it with 'keystore trust' after comparing its fingerprint"));
    return sealer.seal(codec.encode(closing), recipient);
  }

  /** Signs a menu, menu request or receipt as one SignedData. */
  public byte[] sign(Payload payload) throws SecureMessageException {
    requireFromUs(payload);
    return sealer.sign(codec.encode(payload));
  }

  /** HQ's side: opens a closing sealed for us by a pinned outlet. */
  public Verified<Closing> openClosing(byte[] message) throws SecureMessageException {
    return bind(opener.openSealed(message), Closing.class, self.id());
  }

  /** The outlet's side: reads back a closing it sealed itself (it is one of the recipients). */
  public Verified<Closing> readOwnClosing(byte[] message) throws SecureMessageException {
    OpenedMessage opened = opener.openSealed(message);
    Verified<Closing> verified = bind(opened, Closing.class, null);
    if (!opened.signerId().equals(self.id())) {
      throw new SecureMessageException(
          SENDER_MISMATCH, "the closing was sealed by '" + opened.signerId() + "', not by us");
    }
    return verified;
  }

  /** Opens a signed menu, menu request or receipt of the given type addressed to us. */
  public <T extends Payload> Verified<T> openSigned(byte[] message, Class<T> type)
      throws SecureMessageException {
    String recipient = type == Menu.class ? Menu.AUDIENCE : self.id();
    return bind(opener.openSigned(message), type, recipient);
  }

  private <T extends Payload> Verified<T> bind(
      OpenedMessage opened, Class<T> type, String expectedRecipient) throws SecureMessageException {
    byte[] json = opened.payload();
    T payload = decode(json, type);
    if (!payload.from().equals(opened.signerId())) {
      throw new SecureMessageException(
          SENDER_MISMATCH,
          "the payload claims to be from '"
              + payload.from()
              + "' but was signed by '"
              + opened.signerId()
              + "': one party is signing as another");
    }
    if (expectedRecipient != null && !payload.to().equals(expectedRecipient)) {
      throw new SecureMessageException(
          NOT_FOR_US,
          "the payload is addressed to '"
              + payload.to()
              + "', not to '"
              + expectedRecipient
              + "': it was forwarded or misrouted");
    }
    return new Verified<>(
        payload, opened.signerId(), json, opened.contentDigest(), opened.innerSignedData());
  }

  private <T extends Payload> T decode(byte[] json, Class<T> type) throws SecureMessageException {
    try {
      Payload any = codec.decodeAny(json);
      if (!type.isInstance(any)) {
        throw new SecureMessageException(
            WRONG_TYPE,
            "expected a " + type.getSimpleName() + " but the payload is " + any.schema());
      }
      return type.cast(any);
    } catch (PayloadException e) {
      throw new SecureMessageException(
          INVALID_PAYLOAD, "the signed payload is invalid: " + e.getMessage(), e);
    }
  }

  private void requireFromUs(Payload payload) {
    if (!payload.from().equals(self.id())) {
      throw new IllegalArgumentException(
          "a payload from '" + payload.from() + "' cannot be signed by '" + self.id() + "'");
    }
  }
}
