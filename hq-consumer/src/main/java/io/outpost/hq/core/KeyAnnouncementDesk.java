package io.outpost.hq.core;

import io.outpost.keystore.Certificates;
import io.outpost.message.SecureMessageException;
import io.outpost.message.Verified;
import io.outpost.message.payload.KeyAnnouncement;
import java.util.Objects;

/**
 * Receives an outlet's signed announcement of its next certificate: verifies it against the
 * outlet's pinned certificate, binds it to the broker-validated sender, and keeps the certificate
 * as pending. A message that does not verify, or a certificate that may not become a pin, goes to
 * quarantine. Nothing is pinned here.
 */
public final class KeyAnnouncementDesk {

  /** The reason code on a quarantined announcement whose certificate may not become a pin. */
  public static final String KEY_REFUSED = "KEY_REFUSED";

  private static final String KIND = "key announcement";

  private final MessageKeys keys;
  private final AnnouncedKeys announced;

  public KeyAnnouncementDesk(MessageKeys keys, AnnouncedKeys announced) {
    this.keys = Objects.requireNonNull(keys, "keys");
    this.announced = Objects.requireNonNull(announced, "announced");
  }

  /**
   * Handles one announcement within the caller's transaction.
   *
   * @throws HqException IO or BROKER: transient; the caller rolls back
   */
  public Handled receive(IncomingMessage message, Quarantine quarantine) throws HqException {
    if (!message.bytesMessage()) {
      return refuse(message, quarantine, null, Refusals.MALFORMED, "not a bytes message");
    }
    Verified<KeyAnnouncement> verified;
    try {
      verified = keys.current().openSigned(message.body(), KeyAnnouncement.class);
    } catch (SecureMessageException e) {
      return refuse(message, quarantine, null, e.reason().name(), Refusals.detail(e.getMessage()));
    }
    KeyAnnouncement announcement = verified.payload();
    String id = announcement.messageId().toString();
    String unbound =
        Refusals.unbound(message.validatedUser(), verified.signerId(), announcement.from(), KIND);
    if (unbound != null) {
      return refuse(message, quarantine, id, Refusals.SENDER_MISMATCH, unbound);
    }
    AnnouncedKeys.Kept kept;
    try {
      kept = announced.keep(verified);
    } catch (HqException e) {
      if (e.reason() != HqException.Reason.VERIFICATION) {
        throw e;
      }
      return refuse(message, quarantine, id, KEY_REFUSED, Refusals.detail(e.getMessage()));
    }
    String fingerprint = Certificates.displayFingerprint(announcement.fingerprint());
    return switch (kept) {
      case PENDING ->
          new Handled(
              KIND,
              id,
              announcement.from(),
              Handled.Outcome.STORED,
              "certificate SHA-256 "
                  + fingerprint
                  + " is pending: compare it with "
                  + announcement.from()
                  + " out of band, then run 'hq keys confirm "
                  + announcement.from()
                  + " FINGERPRINT'");
      case ALREADY_PENDING ->
          new Handled(
              KIND, id, announcement.from(), Handled.Outcome.DUPLICATE, fingerprint + " pending");
      case ALREADY_PINNED ->
          new Handled(
              KIND, id, announcement.from(), Handled.Outcome.DUPLICATE, fingerprint + " pinned");
    };
  }

  private static Handled refuse(
      IncomingMessage message,
      Quarantine quarantine,
      String messageId,
      String reason,
      String detail)
      throws HqException {
    quarantine.quarantine(message, reason, detail);
    return new Handled(
        KIND,
        messageId,
        message.claimedFrom() + " (broker user " + message.validatedUser() + ")",
        Handled.Outcome.QUARANTINED,
        reason + ": " + detail);
  }
}
