package io.outpost.outlet;

import io.outpost.message.Addresses;
import io.outpost.message.SecureMessageException;
import io.outpost.message.SecureMessages;
import io.outpost.message.Verified;
import io.outpost.message.WireProperties;
import io.outpost.message.payload.Receipt;
import io.outpost.outlet.BrokerLink.IncomingMessage;
import io.outpost.outlet.BrokerLink.OutgoingMessage;
import io.outpost.outlet.OutletException.Reason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Sends every pending outbox entry in sequence order, marks each sent once the broker stored it,
 * takes HQ's key announcements from the inbox, then collects HQ's receipts for a bounded time. Safe
 * to interrupt anywhere: an entry sent but not marked is sent again with the same duplicate id,
 * which the broker drops.
 */
final class Flusher {

  private final BrokerLink broker;
  private final SecureMessages messages;
  private final ReceiptBook receipts;
  private final HqKeyInbox hqKeys;
  private final String hqId;
  private final Clock clock;
  private final Duration receiptTimeout;
  private final int progressEvery;
  private final Consumer<String> progress;

  Flusher(
      BrokerLink broker,
      SecureMessages messages,
      ReceiptBook receipts,
      HqKeyInbox hqKeys,
      String hqId,
      Clock clock,
      Duration receiptTimeout,
      int progressEvery,
      Consumer<String> progress) {
    this.broker = broker;
    this.messages = messages;
    this.receipts = receipts;
    this.hqKeys = hqKeys;
    this.hqId = hqId;
    this.clock = clock;
    this.receiptTimeout = receiptTimeout;
    this.progressEvery = progressEvery;
    this.progress = progress;
  }

  /**
   * What one flush did.
   *
   * @param errors one line each: unreadable entries, refused or mismatching receipts
   */
  record Report(int sent, int acknowledged, int rejected, OutboxScan after, List<String> errors) {

    long pending() {
      return after.count(EntryState.PENDING);
    }

    long awaitingReceipt() {
      return after.count(EntryState.SENT);
    }
  }

  /**
   * Flushes the outbox.
   *
   * @throws OutletException OFFLINE when the broker cannot be reached (or is lost) within the retry
   *     bounds; whatever was sent before stays marked sent
   */
  Report flush(Outbox.Locked outbox) throws OutletException {
    OutboxScan before = outbox.scan();
    List<String> errors = new ArrayList<>();
    before.problems().forEach(p -> errors.add(p.describe()));
    List<OutboxEntry> pending = before.inState(EntryState.PENDING);
    if (pending.isEmpty() && before.count(EntryState.SENT) == 0) {
      return new Report(0, 0, 0, before, errors);
    }
    int sent = 0;
    Tally tally = new Tally(outbox);
    before.inState(EntryState.SENT).forEach(e -> tally.awaiting.add(e.messageId()));
    BrokerLink.Session session = broker.connect();
    try {
      for (OutboxEntry entry : pending) {
        byte[] sealed;
        try {
          sealed = outbox.read(entry);
        } catch (OutletException e) {
          if (e.reason() != Reason.OUTBOX_CORRUPT) {
            throw e;
          }
          errors.add(e.getMessage());
          continue;
        }
        session = sendWithReconnect(session, entry, sealed);
        tally.awaiting.add(entry.messageId());
        sent++;
        markSent(outbox, entry, errors);
        if (sent % progressEvery == 0 && sent < pending.size()) {
          progress.accept("sent " + sent + " of " + pending.size());
        }
      }
      errors.addAll(hqKeys.collect(session, progress));
      collectReceipts(session, tally, errors);
    } finally {
      session.close();
    }
    return new Report(sent, tally.acknowledged, tally.rejected, outbox.scan(), errors);
  }

  /**
   * Marks an entry sent. When the outbox cannot record that (its disk is full), the entry is on the
   * broker all the same and the next flush sends it again under the same duplicate id, which the
   * broker drops: so the failure is reported and the other entries still go out.
   */
  private void markSent(Outbox.Locked outbox, OutboxEntry entry, List<String> errors)
      throws OutletException {
    try {
      outbox.markSent(entry.messageId(), clock.instant());
    } catch (OutletException e) {
      if (e.reason() != Reason.IO) {
        throw e;
      }
      errors.add(
          e.getMessage()
              + "; it reached the broker all the same, and stays pending here until the outbox"
              + " can record it");
    }
  }

  /** A lost connection is tried again once, with the link's own bounded back-off. */
  private BrokerLink.Session sendWithReconnect(
      BrokerLink.Session session, OutboxEntry entry, byte[] sealed) throws OutletException {
    OutgoingMessage message =
        new OutgoingMessage(
            Addresses.CLOSINGS, WireProperties.TYPE_CLOSING, entry.messageId(), null, sealed);
    try {
      session.send(message);
      return session;
    } catch (OutletException e) {
      if (e.reason() != Reason.OFFLINE) {
        throw e;
      }
      session.close();
      progress.accept(e.getMessage() + "; reconnecting");
      BrokerLink.Session again = broker.connect();
      try {
        again.send(message);
      } catch (OutletException | RuntimeException retry) {
        again.close();
        throw retry;
      }
      return again;
    }
  }

  private void collectReceipts(BrokerLink.Session session, Tally tally, List<String> errors)
      throws OutletException {
    Instant deadline = clock.instant().plus(receiptTimeout);
    Set<String> refused = new HashSet<>();
    while (!tally.awaiting.isEmpty()) {
      Duration left = Duration.between(clock.instant(), deadline);
      if (left.isNegative() || left.isZero()) {
        return;
      }
      boolean received;
      try {
        received =
            session.receive(
                WireProperties.TYPE_RECEIPT, left, m -> handle(m, tally, errors, refused));
      } catch (OutletException e) {
        if (e.reason() != Reason.IO) {
          throw e;
        }
        // the receipt's transaction rolled back: it waits in the inbox for the next flush
        errors.add(e.getMessage() + "; the receipt stays in the inbox for the next flush");
        return;
      }
      if (!received) {
        return;
      }
    }
  }

  private boolean handle(
      IncomingMessage message, Tally tally, List<String> errors, Set<String> refused)
      throws OutletException {
    Verified<Receipt> verified;
    try {
      verified = messages.openSigned(message.body(), Receipt.class);
      if (!verified.signerId().equals(hqId)) {
        throw new SecureMessageException(
            SecureMessageException.Reason.UNKNOWN_SENDER,
            "signed by " + verified.signerId() + ", not by " + hqId);
      }
    } catch (SecureMessageException e) {
      // Left in the inbox (the inboxes have no limit on delivery attempts): every flush reports
      // it until an admin looks at it in the console. Nothing in the outbox changes.
      String line =
          "refused a receipt in the inbox ("
              + e.reason()
              + "): "
              + e.getMessage()
              + "; no entry was acknowledged by it";
      if (refused.add(Digests.sha256Hex(message.body()))) {
        errors.add(line);
      }
      return false;
    }
    ReceiptBook.Applied applied = receipts.apply(tally.outbox, verified, message.body());
    tally.acknowledged += applied.acknowledged().size();
    tally.rejected += applied.rejected().size();
    tally.awaiting.removeAll(applied.acknowledged());
    tally.awaiting.removeAll(applied.rejected());
    errors.addAll(applied.mismatches());
    if (!applied.unknown().isEmpty()) {
      progress.accept(
          "receipt "
              + verified.payload().messageId()
              + " names closings this outbox does not hold: "
              + String.join(", ", applied.unknown()));
    }
    return true;
  }

  /** Counts across the receipts of one flush. */
  private static final class Tally {
    final Outbox.Locked outbox;
    final Set<UUID> awaiting = new HashSet<>();
    int acknowledged;
    int rejected;

    Tally(Outbox.Locked outbox) {
      this.outbox = outbox;
    }
  }
}
