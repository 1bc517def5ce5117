package io.outpost.outlet;

import io.outpost.message.SecureMessageException;
import io.outpost.message.SecureMessages;
import io.outpost.message.Verified;
import io.outpost.message.payload.Closing;
import io.outpost.message.payload.SalesDay;
import io.outpost.outlet.OutletException.Reason;
import java.time.Clock;
import java.util.UUID;

/**
 * Turns a day's sales into a sealed closing: adds the header (message id, sender, recipient, time,
 * place in the chain), seals it for HQ and for ourselves, and reads it back, which proves the
 * outbox entry can be opened and yields the content digest HQ's receipt will name.
 */
final class ClosingSealer {

  private final SecureMessages messages;
  private final String selfId;
  private final String hqId;
  private final Clock clock;

  ClosingSealer(SecureMessages messages, String selfId, String hqId, Clock clock) {
    this.messages = messages;
    this.selfId = selfId;
    this.hqId = hqId;
    this.clock = clock;
  }

  /** A sealed closing and what the outbox records about it. */
  record SealedClosing(Closing closing, byte[] sealed, String contentDigest) {

    EntryMeta meta() {
      return new EntryMeta(
          closing.messageId(),
          closing.businessDate(),
          closing.sequence(),
          contentDigest,
          closing.createdAt(),
          closing.amends());
    }
  }

  SealedClosing seal(SalesDay sales, ChainLink link, UUID amends) throws OutletException {
    Closing closing;
    try {
      closing =
          sales.toClosing(
              UUID.randomUUID(),
              selfId,
              hqId,
              clock.instant(),
              link.sequence(),
              link.previousDigest(),
              amends);
    } catch (IllegalArgumentException e) {
      throw new OutletException(
          Reason.INVALID_INPUT, "the sales are not valid: " + e.getMessage(), e);
    }
    byte[] sealed;
    try {
      sealed = messages.sealClosing(closing);
    } catch (SecureMessageException e) {
      throw new OutletException(
          Reason.KEYS, "cannot seal the closing for " + hqId + ": " + e.getMessage(), e);
    }
    try {
      Verified<Closing> readBack = messages.readOwnClosing(sealed);
      return new SealedClosing(closing, sealed, readBack.contentDigest());
    } catch (SecureMessageException e) {
      throw new IllegalStateException(
          "a closing we just sealed does not open: " + e.getMessage(), e);
    }
  }
}
