package io.outpost.hq.core;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The store's side of receipts: what still needs answering, and what was answered. */
public interface ReceiptLedger {

  /** Every entry still waiting for a receipt, ordered by outlet and sequence. */
  List<PendingEntry> pending() throws HqException;

  /**
   * Stores a signed receipt and marks the entries it covers as answered, in one transaction.
   *
   * @return false, storing nothing, when another consumer changed one of the entries meanwhile
   */
  boolean record(IssuedReceipt receipt) throws HqException;

  /** Receipts stored but not yet accepted by the broker (a crash between the two). */
  List<StoredReceipt> unsent() throws HqException;

  void markSent(UUID receiptId, Instant sentAt) throws HqException;
}
