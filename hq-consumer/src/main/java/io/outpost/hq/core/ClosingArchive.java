package io.outpost.hq.core;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Read side of the store, for reports, audits and evidence export. */
public interface ClosingArchive {

  Optional<StoredClosing> find(UUID messageId) throws HqException;

  /** The archived inner SignedData of a stored closing. */
  Optional<byte[]> evidence(UUID messageId) throws HqException;

  /** Every closing stored for that business day, amendments included. */
  List<StoredClosing> forDay(LocalDate businessDate) throws HqException;

  /** Every stored closing, ordered by outlet and sequence (for gap and fork detection). */
  List<StoredClosing> chains() throws HqException;

  /** Every outlet that has a stored closing. */
  List<OutletState> outlets() throws HqException;

  /** Receipts that answered this closing, oldest first. */
  List<StoredReceipt> receiptsFor(UUID messageId) throws HqException;
}
