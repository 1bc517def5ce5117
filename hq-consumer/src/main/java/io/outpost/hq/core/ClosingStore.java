package io.outpost.hq.core;

import java.time.Instant;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;

/** Where verified closings go: one transaction per batch, unique on message id. */
public interface ClosingStore {

  /**
   * Stores a batch in one transaction: each closing with its lines, evidence and the outlet's
   * sequence; a message id seen before stores nothing and queues its receipt entry again.
   *
   * <p>Closings are stored as {@code closings} yields them, so that the caller can still be
   * verifying the later ones of the batch while the earlier ones are written. The rows of {@code
   * outlets} (those the batch may touch) are locked first, in one order for every HQ, so that two
   * HQs storing batches of the same outlets wait for each other instead of deadlocking.
   *
   * @return one outcome per closing, in the order {@code closings} yielded them
   * @throws HqException STORAGE when nothing of the batch was stored (transient; retry it whole)
   */
  List<StoreOutcome> store(Collection<String> outlets, Iterator<NewClosing> closings, Instant receivedAt)
      throws HqException;

  /** Stores a batch whose closings are all at hand. */
  default List<StoreOutcome> store(List<NewClosing> batch, Instant receivedAt) throws HqException {
    return store(batch.stream().map(NewClosing::outletId).toList(), batch.iterator(), receivedAt);
  }

  /**
   * Succeeds when the store can take a batch now.
   *
   * @throws HqException STORAGE while the store is unreachable
   */
  void check() throws HqException;
}
