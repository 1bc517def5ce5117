package io.outpost.hq.core;

import io.outpost.message.SecureMessageException;
import io.outpost.message.SecureMessages;
import io.outpost.message.payload.Menu;
import io.outpost.message.payload.MenuDraft;
import java.time.Clock;
import java.util.Objects;
import java.util.UUID;

/**
 * Makes a menu draft the current menu: signs it once, for every outlet, under the next version, and
 * stores the signed bytes that every menu request is then answered with.
 */
public final class MenuPublisher {

  private final String hqId;
  private final SecureMessages messages;
  private final MenuStore menus;
  private final Clock clock;

  public MenuPublisher(String hqId, SecureMessages messages, MenuStore menus, Clock clock) {
    this.hqId = Objects.requireNonNull(hqId, "hqId");
    this.messages = Objects.requireNonNull(messages, "messages");
    this.menus = Objects.requireNonNull(menus, "menus");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Publishes the draft as the version after the current one, or as the draft's own version when
   * that is higher (outlets refuse a version below the one they hold, so a store restored from an
   * old backup can be moved past it).
   */
  public PublishedMenu publish(MenuDraft draft) throws HqException {
    return menus.publishNext(
        next -> {
          long version = Math.max(next, draft.version());
          Menu menu =
              new Menu(
                  UUID.randomUUID(),
                  hqId,
                  clock.instant(),
                  version,
                  draft.validFrom(),
                  draft.currency(),
                  draft.items());
          try {
            return new MenuStore.Signed(version, menu.messageId(), messages.sign(menu));
          } catch (SecureMessageException e) {
            throw new HqException(
                HqException.Reason.KEYS, "cannot sign the menu: " + e.getMessage(), e);
          }
        });
  }
}
