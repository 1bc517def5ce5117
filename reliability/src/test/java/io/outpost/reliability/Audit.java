package io.outpost.reliability;

import io.outpost.message.Addresses;
import io.outpost.outlet.EntryState;
import io.outpost.outlet.OutboxEntry;
import io.outpost.outlet.OutboxScan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the suite checks after a scenario, from the three places that must agree: HQ's database, the
 * broker (closings queue, quarantine, dead-letter queue) and every outbox.
 */
final class Audit {

  private Audit() {}

  /**
   * The counts of one scenario.
   *
   * @param sent closings sealed into the honest outlets' outboxes
   * @param stored of those, how many HQ holds, each with the same outlet, sequence and digest
   * @param lost sent but not stored
   * @param duplicated rows HQ holds beyond exactly one per sent closing
   * @param acknowledged outbox entries holding HQ's verified receipt
   * @param quarantined messages in the quarantine
   * @param deadLettered messages parked in the dead-letter queue for an admin
   * @param leftOnQueue closings still on the broker
   * @param rejected closings HQ refused by a business rule
   * @param chainBreaks stored closings whose sequence or previous digest does not follow the one
   *     before
   * @param unreadable outbox entries the outlet cannot read
   * @param receiptedButMissing entries acknowledged by HQ's signed receipt that HQ does not hold
   */
  record Counts(
      long sent,
      long stored,
      long lost,
      long duplicated,
      long acknowledged,
      long quarantined,
      long deadLettered,
      long leftOnQueue,
      long rejected,
      long chainBreaks,
      long unreadable,
      long receiptedButMissing) {

    /** Everything sent is stored once and receipted, and nothing waits for a human. */
    List<String> problems(long expectedQuarantined) {
      List<String> problems = new ArrayList<>();
      check(problems, lost == 0, lost + " closing(s) lost");
      check(
          problems,
          receiptedButMissing == 0,
          receiptedButMissing
              + " of them acknowledged by HQ's signed receipt at the outlet all the same");
      check(problems, duplicated == 0, duplicated + " closing(s) stored more than once");
      check(problems, stored == sent, stored + " stored of " + sent + " sent");
      check(problems, acknowledged == sent, acknowledged + " acknowledged of " + sent + " sent");
      check(
          problems,
          quarantined == expectedQuarantined,
          quarantined + " quarantined where " + expectedQuarantined + " were expected");
      check(problems, deadLettered == 0, deadLettered + " message(s) in the dead-letter queue");
      check(problems, leftOnQueue == 0, leftOnQueue + " closing(s) still on the broker");
      check(problems, rejected == 0, rejected + " closing(s) rejected by HQ");
      check(problems, chainBreaks == 0, chainBreaks + " break(s) in the outlets' chains");
      check(problems, unreadable == 0, unreadable + " unreadable outbox entr(ies)");
      return problems;
    }

    private static void check(List<String> problems, boolean ok, String problem) {
      if (!ok) {
        problems.add(problem);
      }
    }
  }

  /** Counts for {@code outlets} (the honest ones) on {@code site}; HQ must have stopped for H2. */
  static Counts of(Site site, List<Outlet> outlets) {
    List<Db.Row> rows = site.db().closings();
    Map<String, Db.Row> byId = new HashMap<>();
    for (Db.Row row : rows) {
      byId.put(row.messageId(), row);
    }
    long sent = 0;
    long stored = 0;
    long acknowledged = 0;
    long unreadable = 0;
    long receiptedButMissing = 0;
    for (Outlet outlet : outlets) {
      OutboxScan scan = outlet.scan();
      unreadable += scan.problems().size();
      for (OutboxEntry entry : scan.entries()) {
        sent++;
        Db.Row row = byId.get(entry.messageId().toString());
        boolean held =
            row != null
                && row.outletId().equals(outlet.id())
                && row.sequence() == entry.sequence()
                && row.contentDigest().equals(entry.meta().contentDigest());
        if (held) {
          stored++;
        }
        if (entry.state() == EntryState.ACKNOWLEDGED) {
          acknowledged++;
          if (!held) {
            receiptedButMissing++;
          }
        }
      }
    }
    ArtemisBroker broker = site.broker();
    return new Counts(
        sent,
        stored,
        sent - stored,
        rows.size() - stored,
        acknowledged,
        broker.messageCount(Addresses.QUARANTINE),
        broker.messageCount("DLQ"),
        broker.messageCount(Addresses.CLOSINGS),
        site.db().count("rejected_closings"),
        chainBreaks(rows),
        unreadable,
        receiptedButMissing);
  }

  /** Each outlet's stored closings must run 1, 2, 3 … each naming the digest of the one before. */
  static long chainBreaks(List<Db.Row> rows) {
    long breaks = 0;
    Db.Row previous = null;
    for (Db.Row row : rows) {
      boolean first = previous == null || !previous.outletId().equals(row.outletId());
      if (first) {
        if (row.sequence() != 1 || row.previousDigest() != null) {
          breaks++;
        }
      } else if (row.sequence() != previous.sequence() + 1
          || !Objects.equals(row.previousDigest(), previous.contentDigest())) {
        breaks++;
      }
      previous = row;
    }
    return breaks;
  }
}
