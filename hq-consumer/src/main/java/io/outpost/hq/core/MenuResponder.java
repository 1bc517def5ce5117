package io.outpost.hq.core;

import io.outpost.message.SecureMessageException;
import io.outpost.message.SecureMessages;
import io.outpost.message.Verified;
import io.outpost.message.WireProperties;
import io.outpost.message.payload.KeyAnnouncement;
import io.outpost.message.payload.MenuRequest;
import java.util.Objects;
import java.util.Optional;

/**
 * Answers a signed menu request with the current signed menu, on the requesting outlet's inbox. A
 * request that does not verify, or whose signer is not the broker-validated sender, goes to
 * quarantine. With no menu published the request is consumed and left unanswered: the outlet keeps
 * its cached menu, and the log says why.
 */
public final class MenuResponder {

  private final MessageKeys keys;
  private final MenuStore menus;
  private final KeyAnnouncementDesk announcements;

  public MenuResponder(SecureMessages messages, MenuStore menus) {
    this(MessageKeys.of(messages), menus, null);
  }

  /**
   * Verifies with HQ's keys as they are at each request; announcements of outlets' next
   * certificates, which arrive on the same queue, go to {@code announcements} (null: quarantined as
   * the wrong type).
   */
  public MenuResponder(MessageKeys keys, MenuStore menus, KeyAnnouncementDesk announcements) {
    this.keys = Objects.requireNonNull(keys, "keys");
    this.menus = Objects.requireNonNull(menus, "menus");
    this.announcements = announcements;
  }

  /**
   * Handles one request within the caller's transaction.
   *
   * @throws HqException STORAGE or BROKER: transient; the caller rolls back
   */
  public Handled respond(IncomingMessage message, Quarantine quarantine, OutletInbox inbox)
      throws HqException {
    // The type property only routes: the desk still requires the signed schema to match.
    if (announcements != null && WireProperties.TYPE_KEY_ANNOUNCEMENT.equals(message.type())) {
      return announcements.receive(message, quarantine);
    }
    if (!message.bytesMessage()) {
      return refuse(message, quarantine, Refusals.MALFORMED, "not a bytes message");
    }
    Verified<MenuRequest> verified;
    try {
      verified = keys.current().openSigned(message.body(), MenuRequest.class);
    } catch (SecureMessageException e) {
      return refuse(message, quarantine, e.reason().name(), Refusals.detail(e.getMessage()));
    }
    MenuRequest request = verified.payload();
    String unbound =
        Refusals.unbound(
            message.validatedUser(), verified.signerId(), request.from(), "menu request");
    if (unbound != null) {
      return refuse(message, quarantine, Refusals.SENDER_MISMATCH, unbound);
    }
    String requestId = request.messageId().toString();
    Optional<PublishedMenu> current = menus.current();
    if (current.isEmpty()) {
      return new Handled(
          "menu request",
          requestId,
          request.from(),
          Handled.Outcome.UNANSWERED,
          "no menu is published yet; run 'hq menu publish FILE'");
    }
    PublishedMenu menu = current.get();
    // The request id as duplicate id: a reply redone after a rollback is dropped by the broker,
    // while each new request still gets its answer.
    inbox.deliver(
        new OutletInbox.Delivery(
            request.from(), WireProperties.TYPE_MENU, menu.signed(), requestId, requestId));
    return new Handled(
        "menu request",
        requestId,
        request.from(),
        Handled.Outcome.ANSWERED,
        "menu version " + menu.version());
  }

  private static Handled refuse(
      IncomingMessage message, Quarantine quarantine, String reason, String detail)
      throws HqException {
    quarantine.quarantine(message, reason, detail);
    return new Handled(
        "menu request",
        null,
        message.claimedFrom() + " (broker user " + message.validatedUser() + ")",
        Handled.Outcome.QUARANTINED,
        reason + ": " + detail);
  }
}
