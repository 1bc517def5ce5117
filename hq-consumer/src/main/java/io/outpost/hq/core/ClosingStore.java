package io.outpost.hq.core;

import java.time.Instant;
import java.util.List;

/** Where verified closings go: one transaction per batch, unique on message id. */
public interface ClosingStore {

  /**
   * Stores a batch in one transaction: each closing with its lines, evidence and the outlet's
   * sequence; a message id seen before stores nothing and queues its receipt entry again.
   *
   * @return one outcome per closing, in the batch's order
   * @throws HqException STORAGE when nothing of the batch was stored (transient; retry it whole)
   */
  List<StoreOutcome> store(List<NewClosing> batch, Instant receivedAt) throws HqException;

  /**
   * Succeeds when the store can take a batch now.
   *
   * @throws HqException STORAGE while the store is unreachable
   */
  void check() throws HqException;
}
