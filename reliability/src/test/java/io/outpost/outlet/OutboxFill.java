package io.outpost.outlet;

import io.outpost.keystore.Identity;
import io.outpost.keystore.TrustStore;
import io.outpost.message.SecureMessages;
import io.outpost.message.payload.SalesDay;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Closes business days into an outlet's outbox in-process, through the same {@link ClosingDesk},
 * {@link ClosingSealer} and {@link FileOutbox} that {@code outlet close} uses, so that a backlog of
 * thousands of closings costs no JVM start per closing. It lives in the outlet's package because
 * those classes are package-private; it only calls them.
 */
public final class OutboxFill {

  private OutboxFill() {}

  /**
   * Seals each day after the outbox's last closing and appends it as PENDING, holding the outbox
   * lock as {@code close} does (but without flushing).
   *
   * @return the message ids, in sequence order
   */
  public static List<UUID> close(
      Identity outlet, TrustStore trust, String hqId, Path outboxDir, List<SalesDay> days)
      throws OutletException {
    Clock clock = Clock.systemUTC();
    ClosingDesk desk =
        new ClosingDesk(
            new ClosingSealer(new SecureMessages(outlet, trust, clock), outlet.id(), hqId, clock));
    List<UUID> ids = new ArrayList<>(days.size());
    try (Outbox.Locked outbox = new FileOutbox(outboxDir).lock()) {
      for (SalesDay day : days) {
        ids.add(desk.close(outbox, day, Optional.empty()).messageId());
      }
    }
    return ids;
  }

  /** The outbox as the outlet's own reader sees it: entries in sequence order, and problems. */
  public static OutboxScan scan(Path outboxDir) throws OutletException {
    return new FileOutbox(outboxDir).scan();
  }
}
