package io.outpost.outlet;

import io.outpost.keystore.Certificates;
import io.outpost.keystore.KeystoreException;
import io.outpost.keystore.PinnedCertificate;
import io.outpost.keystore.TrustDirectory;
import io.outpost.keystore.TrustStore;
import io.outpost.keystore.rotation.PendingCertificates;
import io.outpost.keystore.rotation.PendingCertificates.Pending;
import io.outpost.message.SecureMessageException;
import io.outpost.message.SecureMessages;
import io.outpost.message.Verified;
import io.outpost.message.WireProperties;
import io.outpost.message.payload.KeyAnnouncement;
import io.outpost.outlet.BrokerLink.IncomingMessage;
import io.outpost.outlet.OutletException.Reason;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Collects HQ's announcements of its next certificate from the outlet's inbox. Each must verify
 * against the pinned HQ certificate and be addressed to us; its certificate is then kept as pending
 * under the key directory's {@code announced/}, and nothing is pinned: {@code outlet keys confirm}
 * pins it after the staff compared its fingerprint with HQ by phone.
 *
 * <p>An announcement that is refused is consumed all the same and reported: it would not verify at
 * a later run either, so left in the inbox it would only be refused again at every run.
 */
final class HqKeyInbox {

  private final Path keyDir;
  private final SecureMessages messages;
  private final String hqId;
  private final Clock clock;

  /**
   * @param messages opens signed messages against the outlet's pins
   */
  HqKeyInbox(Path keyDir, SecureMessages messages, String hqId, Clock clock) {
    this.keyDir = keyDir;
    this.messages = messages;
    this.hqId = hqId;
    this.clock = clock;
  }

  /**
   * Takes every announcement waiting in the inbox.
   *
   * @param notices one line per announcement kept as pending
   * @return one line per announcement refused, saying why
   * @throws OutletException OFFLINE when the broker is lost
   */
  List<String> collect(BrokerLink.Session session, Consumer<String> notices)
      throws OutletException {
    List<String> refused = new ArrayList<>();
    try {
      boolean more = true;
      while (more) {
        more =
            session.receive(
                WireProperties.TYPE_KEY_ANNOUNCEMENT,
                Duration.ZERO,
                message -> handle(message, notices, refused));
      }
    } catch (OutletException e) {
      if (e.reason() != Reason.IO) {
        throw e;
      }
      refused.add(e.getMessage() + "; the announcement stays in the inbox for the next run");
    }
    return refused;
  }

  private boolean handle(IncomingMessage message, Consumer<String> notices, List<String> refused)
      throws OutletException {
    Verified<KeyAnnouncement> verified;
    TrustStore trust;
    try {
      verified = messages.openSigned(message.body(), KeyAnnouncement.class);
      if (!verified.signerId().equals(hqId)) {
        throw new SecureMessageException(
            SecureMessageException.Reason.UNKNOWN_SENDER,
            "signed by " + verified.signerId() + ", not by " + hqId);
      }
      trust = TrustDirectory.load(keyDir);
    } catch (SecureMessageException e) {
      refused.add(
          "refused a key announcement in the inbox ("
              + e.reason()
              + "): "
              + e.getMessage()
              + "; nothing was kept. Tell HQ: it may be forged");
      return true;
    } catch (KeystoreException e) {
      throw new OutletException(Reason.KEYS, e.getMessage(), e);
    }
    X509Certificate next = verified.payload().x509();
    String fingerprint = Certificates.displayFingerprint(verified.payload().fingerprint());
    Optional<PinnedCertificate> pinned = trust.find(next);
    if (pinned.isPresent() && !pinned.get().revoked()) {
      return true;
    }
    try {
      PendingCertificates.check(trust, hqId, next, clock.instant());
    } catch (KeystoreException e) {
      refused.add(
          "refused HQ's announced certificate "
              + fingerprint
              + ": "
              + e.getMessage()
              + "; tell HQ");
      return true;
    }
    Optional<PinnedCertificate> signer =
        PendingCertificates.signerOf(verified.evidence(), trust.pinned(hqId));
    if (signer.isEmpty()) {
      refused.add(
          "refused HQ's announced certificate "
              + fingerprint
              + ": it verified but names no pinned certificate of "
              + hqId
              + " as its signer");
      return true;
    }
    Pending pending =
        new Pending(
            hqId,
            next,
            clock.instant(),
            verified.payload().messageId().toString(),
            signer.get().fingerprint());
    try {
      if (PendingCertificates.keep(keyDir, pending, message.body())) {
        notices.accept(
            hqId
                + " announced its next certificate, SHA-256 "
                + fingerprint
                + ": compare it with "
                + hqId
                + " by phone, then run 'outlet keys confirm FINGERPRINT'");
      }
    } catch (KeystoreException e) {
      throw new OutletException(Reason.IO, e.getMessage(), e);
    }
    return true;
  }
}
