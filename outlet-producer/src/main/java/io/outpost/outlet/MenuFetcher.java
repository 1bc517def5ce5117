package io.outpost.outlet;

import io.outpost.message.Addresses;
import io.outpost.message.SecureMessageException;
import io.outpost.message.SecureMessages;
import io.outpost.message.WireProperties;
import io.outpost.message.payload.MenuRequest;
import io.outpost.outlet.BrokerLink.IncomingMessage;
import io.outpost.outlet.BrokerLink.OutgoingMessage;
import io.outpost.outlet.MenuCache.CachedMenu;
import io.outpost.outlet.OutletException.Reason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Asks HQ for the current menu and waits, for a bounded time, for the signed answer on the outlet's
 * inbox. The answer is matched by correlation id; an earlier answer that arrives first is verified
 * and cached too if it is newer, then the wait goes on.
 */
final class MenuFetcher {

  private final BrokerLink broker;
  private final SecureMessages messages;
  private final MenuCache cache;
  private final HqKeyInbox hqKeys;
  private final String selfId;
  private final String hqId;
  private final Clock clock;
  private final Duration timeout;
  private final Consumer<String> notices;

  MenuFetcher(
      BrokerLink broker,
      SecureMessages messages,
      MenuCache cache,
      HqKeyInbox hqKeys,
      String selfId,
      String hqId,
      Clock clock,
      Duration timeout,
      Consumer<String> notices) {
    this.broker = broker;
    this.messages = messages;
    this.cache = cache;
    this.hqKeys = hqKeys;
    this.selfId = selfId;
    this.hqId = hqId;
    this.clock = clock;
    this.timeout = timeout;
    this.notices = notices;
  }

  /**
   * The menu HQ answered with, verified and cached.
   *
   * @throws OutletException OFFLINE when the broker is unreachable or HQ does not answer in time;
   *     REFUSED or STALE_MENU when the answer cannot be accepted
   */
  CachedMenu fetch() throws OutletException {
    MenuRequest request =
        new MenuRequest(UUID.randomUUID(), selfId, hqId, clock.instant(), knownVersion());
    byte[] signed;
    try {
      signed = messages.sign(request);
    } catch (SecureMessageException e) {
      throw new OutletException(Reason.KEYS, "cannot sign the menu request: " + e.getMessage(), e);
    }
    String correlationId = request.messageId().toString();
    try (BrokerLink.Session session = broker.connect()) {
      session.send(
          new OutgoingMessage(
              Addresses.MENU_REQUESTS,
              WireProperties.TYPE_MENU_REQUEST,
              request.messageId(),
              null,
              signed));
      // The start of the day is when an outlet surely reads its inbox: HQ's key news comes too.
      hqKeys.collect(session, notices).forEach(notices);
      Instant deadline = clock.instant().plus(timeout);
      Answer answer = new Answer(correlationId);
      while (answer.menu == null && answer.failure == null) {
        Duration left = Duration.between(clock.instant(), deadline);
        if (left.isNegative()
            || left.isZero()
            || !session.receive(WireProperties.TYPE_MENU, left, answer::accept)) {
          throw new OutletException(
              Reason.OFFLINE,
              "offline: HQ did not answer the menu request within " + timeout.toSeconds() + " s");
        }
      }
      if (answer.failure != null) {
        throw answer.failure;
      }
      return answer.menu;
    }
  }

  /** The wait for one answer; other menus met on the way are cached when newer. */
  /**
   * The cached version, or 0 when there is none or it no longer verifies (HQ's menu replaces it).
   */
  private long knownVersion() throws OutletException {
    try {
      return cache.current().map(c -> c.menu().version()).orElse(0L);
    } catch (OutletException e) {
      if (e.reason() != Reason.REFUSED) {
        throw e;
      }
      notices.accept(e.getMessage());
      return 0;
    }
  }

  private final class Answer {

    private final String correlationId;
    private CachedMenu menu;
    private OutletException failure;

    Answer(String correlationId) {
      this.correlationId = correlationId;
    }

    boolean accept(IncomingMessage message) throws OutletException {
      boolean ours = correlationId.equals(message.correlationId());
      try {
        CachedMenu stored = cache.store(message.body());
        if (ours) {
          menu = stored;
        } else {
          notices.accept(
              "cached menu version " + stored.menu().version() + " from an earlier request");
        }
        return true;
      } catch (OutletException e) {
        switch (e.reason()) {
          case STALE_MENU -> {
            // verified but older than the cache: consumed, and a failure only if it is our answer
            if (ours) {
              failure = e;
            }
            return true;
          }
          case REFUSED -> {
            // left in the inbox: the broker redelivers it later and finally dead-letters it
            if (ours) {
              failure = e;
            } else {
              notices.accept(e.getMessage() + " (left in the inbox)");
            }
            return false;
          }
          default -> throw e;
        }
      }
    }
  }
}
