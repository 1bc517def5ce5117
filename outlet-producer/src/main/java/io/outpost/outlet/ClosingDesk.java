package io.outpost.outlet;

import io.outpost.message.payload.SalesDay;
import io.outpost.outlet.OutletException.Reason;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Closes a business day into the outbox: one closing per day, and a correction only as an explicit
 * amendment of that day's latest closing.
 */
final class ClosingDesk {

  private final ClosingSealer sealer;

  ClosingDesk(ClosingSealer sealer) {
    this.sealer = sealer;
  }

  /** Seals the day after the outbox's last closing and appends it, while the lock is held. */
  OutboxEntry close(Outbox.Locked outbox, SalesDay sales, Optional<UUID> amends)
      throws OutletException {
    OutboxScan scan = outbox.scan();
    ChainLink link = scan.nextLink();
    List<OutboxEntry> sameDay = scan.forBusinessDate(sales.businessDate());
    Optional<OutboxEntry> latest =
        sameDay.isEmpty() ? Optional.empty() : Optional.of(sameDay.get(sameDay.size() - 1));
    if (amends.isEmpty() && latest.isPresent()) {
      throw new OutletException(
          Reason.ALREADY_CLOSED,
          "business day "
              + sales.businessDate()
              + " is already closed (sequence "
              + latest.get().sequence()
              + ", message id "
              + latest.get().messageId()
              + "); to correct it, run: close --sales FILE --amends "
              + latest.get().messageId());
    }
    if (amends.isPresent()) {
      if (latest.isEmpty()) {
        throw new OutletException(
            Reason.INVALID_INPUT,
            "--amends "
                + amends.get()
                + ": no closing of "
                + sales.businessDate()
                + " is in the outbox; an amendment corrects a closing of the same business day");
      }
      if (!latest.get().messageId().equals(amends.get())) {
        throw new OutletException(
            Reason.INVALID_INPUT,
            "--amends "
                + amends.get()
                + ": the latest closing of "
                + sales.businessDate()
                + " is "
                + latest.get().messageId()
                + "; amend that one");
      }
    }
    ClosingSealer.SealedClosing sealed = sealer.seal(sales, link, amends.orElse(null));
    return outbox.append(sealed.sealed(), sealed.meta());
  }
}
