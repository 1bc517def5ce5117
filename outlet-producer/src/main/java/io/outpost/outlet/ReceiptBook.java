package io.outpost.outlet;

import io.outpost.message.Verified;
import io.outpost.message.payload.Receipt;
import io.outpost.message.payload.ReceiptEntry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Applies HQ's verified receipts to the outbox. An entry is acknowledged only when the receipt
 * names its message id with the same content digest, business date and sequence; any difference is
 * reported and acknowledges nothing. The signed receipt is kept first, as evidence.
 */
final class ReceiptBook {

  private final Clock clock;

  ReceiptBook(Clock clock) {
    this.clock = clock;
  }

  /** What one receipt changed, and what in it did not fit the outbox. */
  record Applied(
      List<UUID> acknowledged,
      List<UUID> rejected,
      List<String> unknown,
      List<String> mismatches) {}

  Applied apply(Outbox.Locked outbox, Verified<Receipt> verified, byte[] signed)
      throws OutletException {
    Receipt receipt = verified.payload();
    outbox.keepReceipt(receipt.messageId(), signed);
    OutboxScan scan = outbox.scan();
    List<UUID> acknowledged = new ArrayList<>();
    List<UUID> rejected = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    List<String> mismatches = new ArrayList<>();
    for (ReceiptEntry entry : receipt.entries()) {
      Optional<OutboxEntry> found = scan.find(entry.messageId());
      if (found.isEmpty()) {
        unknown.add(entry.messageId().toString());
        continue;
      }
      OutboxEntry own = found.get();
      String difference = difference(own, entry);
      if (difference != null) {
        mismatches.add(
            "receipt "
                + receipt.messageId()
                + " names closing "
                + own.messageId()
                + " (sequence "
                + own.sequence()
                + ") with "
                + difference
                + "; it stays "
                + own.state()
                + " (the receipt is kept in the outbox's receipts/)");
        continue;
      }
      EntryState next =
          entry.outcome() == ReceiptEntry.Outcome.REJECTED
              ? EntryState.REJECTED
              : EntryState.ACKNOWLEDGED;
      if (own.state() == next) {
        continue;
      }
      if (!own.state().canBecome(next)) {
        mismatches.add(
            "receipt "
                + receipt.messageId()
                + " says closing "
                + own.messageId()
                + " was "
                + entry.outcome()
                + ", but it is already "
                + own.state());
      } else if (next == EntryState.ACKNOWLEDGED) {
        outbox.markAcknowledged(own.messageId(), clock.instant(), receipt.messageId());
        acknowledged.add(own.messageId());
      } else {
        outbox.markRejected(own.messageId(), clock.instant(), receipt.messageId(), entry.reason());
        rejected.add(own.messageId());
      }
    }
    return new Applied(acknowledged, rejected, unknown, mismatches);
  }

  private static String difference(OutboxEntry own, ReceiptEntry entry) {
    if (!MessageDigest.isEqual(
        own.meta().contentDigest().getBytes(StandardCharsets.US_ASCII),
        String.valueOf(entry.contentDigest()).getBytes(StandardCharsets.US_ASCII))) {
      return "another content digest ("
          + entry.contentDigest()
          + ", ours "
          + own.meta().contentDigest()
          + ")";
    }
    if (!own.meta().businessDate().equals(entry.businessDate())) {
      return "business date " + entry.businessDate() + " (ours " + own.meta().businessDate() + ")";
    }
    if (own.sequence() != entry.sequence()) {
      return "sequence " + entry.sequence() + " (ours " + own.sequence() + ")";
    }
    return null;
  }
}
