package io.outpost.outlet;

import java.time.Instant;
import java.util.UUID;

/**
 * The outlet's durable store-and-forward queue of sealed closings (outbound port).
 *
 * <p>It holds sealed bytes and a little metadata, never a sales figure in the clear. Every change
 * is atomic: after a crash an entry is either wholly there or not there, and a state is either the
 * old one or the new one. Changes go through the handle that {@link #lock()} returns, so that two
 * processes never interleave them; reads need no lock.
 */
public interface Outbox {

  /**
   * Takes the exclusive lock, or fails at once when another command holds it.
   *
   * @throws OutletException OUTBOX_LOCKED when another process (or handle) holds the lock
   */
  Locked lock() throws OutletException;

  /** Every entry in sequence order, and every entry that cannot be read, named. */
  OutboxScan scan() throws OutletException;

  /**
   * The sealed bytes of an entry, checked against the digest recorded when it was appended.
   *
   * @throws OutletException OUTBOX_CORRUPT naming the file when they differ
   */
  byte[] read(OutboxEntry entry) throws OutletException;

  /** The outbox while this handle holds its lock; closing the handle releases the lock. */
  interface Locked extends AutoCloseable {

    OutboxScan scan() throws OutletException;

    byte[] read(OutboxEntry entry) throws OutletException;

    /** Stores a sealed closing as PENDING; refuses a sequence or message id already present. */
    OutboxEntry append(byte[] sealed, EntryMeta meta) throws OutletException;

    /** The broker stored the entry; a repeated mark changes nothing. */
    OutboxEntry markSent(UUID messageId, Instant at) throws OutletException;

    /** HQ's verified receipt names the entry as stored. */
    OutboxEntry markAcknowledged(UUID messageId, Instant at, UUID receiptId) throws OutletException;

    /** HQ's verified receipt names the entry as rejected, with HQ's reason code. */
    OutboxEntry markRejected(UUID messageId, Instant at, UUID receiptId, String reason)
        throws OutletException;

    /** Keeps a verified signed receipt as evidence that HQ received the closings it names. */
    void keepReceipt(UUID receiptId, byte[] signedReceipt) throws OutletException;

    @Override
    void close();
  }
}
