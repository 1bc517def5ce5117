package io.outpost.hq.core;

import io.outpost.message.SecureMessageException;
import io.outpost.message.SecureMessages;
import io.outpost.message.WireProperties;
import io.outpost.message.payload.Receipt;
import io.outpost.message.payload.ReceiptEntry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receipts from what is stored. Each round first sends again every receipt stored but not yet
 * accepted by the broker (a crash between the two), under its original duplicate id so that the
 * broker drops it if it did arrive; then signs one receipt per outlet covering all of that outlet's
 * pending entries (at most {@value #MAX_ENTRIES} per signature), stores them with the entries
 * marked answered, sends them, and marks them sent. A crash at any point loses no receipt.
 */
public final class SignedReceiptPublisher implements ReceiptPublisher {

  /** Keeps one receipt well under the message size limit after days offline. */
  static final int MAX_ENTRIES = 500;

  private static final Logger LOG = LoggerFactory.getLogger(SignedReceiptPublisher.class);

  private final String hqId;
  private final MessageKeys keys;
  private final ReceiptLedger ledger;
  private final OutletInbox inbox;
  private final Clock clock;

  public SignedReceiptPublisher(
      String hqId, SecureMessages messages, ReceiptLedger ledger, OutletInbox inbox, Clock clock) {
    this(hqId, MessageKeys.of(messages), ledger, inbox, clock);
  }

  /** Signs each receipt with HQ's primary key as it is at that moment. */
  public SignedReceiptPublisher(
      String hqId, MessageKeys keys, ReceiptLedger ledger, OutletInbox inbox, Clock clock) {
    this.hqId = Objects.requireNonNull(hqId, "hqId");
    this.keys = Objects.requireNonNull(keys, "keys");
    this.ledger = Objects.requireNonNull(ledger, "ledger");
    this.inbox = Objects.requireNonNull(inbox, "inbox");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public int publishPending() throws HqException {
    int sent = 0;
    for (StoredReceipt receipt : ledger.unsent()) {
      send(receipt.id(), receipt.outletId(), receipt.signed(), "stored earlier");
      ledger.markSent(receipt.id(), clock.instant());
      sent++;
    }
    List<IssuedReceipt> signed = new ArrayList<>();
    for (List<PendingEntry> entries : byOutlet(ledger.pending())) {
      signed.add(sign(entries));
    }
    // One transaction records the round's receipts and one marks them sent, however many outlets
    // they answer. A receipt left out was answered meanwhile by another HQ; the next round reads
    // what is still pending afresh.
    List<UUID> delivered = new ArrayList<>();
    try {
      for (IssuedReceipt receipt : ledger.record(signed)) {
        String note = receipt.covers().size() + " entries";
        send(receipt.id(), receipt.outletId(), receipt.signed(), note);
        delivered.add(receipt.id());
      }
    } finally {
      ledger.markSent(delivered, clock.instant());
    }
    return sent + delivered.size();
  }

  private IssuedReceipt sign(List<PendingEntry> entries) throws HqException {
    String outletId = entries.get(0).outletId();
    UUID id = UUID.randomUUID();
    Instant now = clock.instant();
    List<ReceiptEntry> receiptEntries = new ArrayList<>(entries.size());
    for (PendingEntry entry : entries) {
      receiptEntries.add(
          new ReceiptEntry(
              entry.messageId(),
              entry.contentDigest(),
              entry.businessDate(),
              entry.sequence(),
              ReceiptEntry.Outcome.valueOf(entry.outcome().name()),
              entry.reason()));
    }
    try {
      byte[] signed = keys.current().sign(new Receipt(id, hqId, outletId, now, receiptEntries));
      return new IssuedReceipt(id, outletId, signed, now, entries);
    } catch (SecureMessageException e) {
      throw new HqException(
          HqException.Reason.KEYS,
          "cannot sign a receipt for " + outletId + ": " + e.getMessage(),
          e);
    }
  }

  private void send(UUID id, String outletId, byte[] signed, String note) throws HqException {
    inbox.deliver(
        new OutletInbox.Delivery(
            outletId, WireProperties.TYPE_RECEIPT, signed, id.toString(), null));
    LOG.info("receipt {} to {}: SENT - {}", id, outletId, note);
  }

  /** Pending entries (ordered by outlet) cut into one list per outlet and signature. */
  private static List<List<PendingEntry>> byOutlet(List<PendingEntry> pending) {
    Map<String, List<PendingEntry>> grouped = new LinkedHashMap<>();
    for (PendingEntry entry : pending) {
      grouped.computeIfAbsent(entry.outletId(), id -> new ArrayList<>()).add(entry);
    }
    List<List<PendingEntry>> chunks = new ArrayList<>();
    for (List<PendingEntry> entries : grouped.values()) {
      for (int from = 0; from < entries.size(); from += MAX_ENTRIES) {
        chunks.add(entries.subList(from, Math.min(entries.size(), from + MAX_ENTRIES)));
      }
    }
    return chunks;
  }
}
