package io.outpost.hq.core;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The store's side of receipts: what still needs answering, and what was answered. */
public interface ReceiptLedger {

  /** Every entry still waiting for a receipt, ordered by outlet and sequence. */
  List<PendingEntry> pending() throws HqException;

  /**
   * Stores signed receipts and marks the entries each covers as answered, all in one transaction
   * (one commit for a round of receipts, however many outlets it answers).
   *
   * @return the receipts stored, in order; a receipt one of whose entries another consumer changed
   *     meanwhile is left out, with nothing of it stored
   */
  List<IssuedReceipt> record(List<IssuedReceipt> receipts) throws HqException;

  /**
   * Stores one signed receipt as {@link #record(List)} does.
   *
   * @return false, storing nothing, when another consumer changed one of the entries meanwhile
   */
  default boolean record(IssuedReceipt receipt) throws HqException {
    return !record(List.of(receipt)).isEmpty();
  }

  /** Receipts stored but not yet accepted by the broker (a crash between the two). */
  List<StoredReceipt> unsent() throws HqException;

  /** Marks receipts accepted by the broker, in one transaction. */
  void markSent(List<UUID> receiptIds, Instant sentAt) throws HqException;

  default void markSent(UUID receiptId, Instant sentAt) throws HqException {
    markSent(List.of(receiptId), sentAt);
  }
}
