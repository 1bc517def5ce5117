package io.outpost.reliability;

import io.outpost.message.Addresses;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Issue 4, item 1: HQ is killed with SIGKILL twice while it ingests a backlog of 2,000 closings
 * from 20 outlets, and started again by the same command each time.
 */
class HqKilledMidIngestIT {

  private static final int OUTLETS = 20;
  private static final int PER_OUTLET = 100;
  private static final int FIRST_KILL = 500;
  private static final int SECOND_KILL = 1_300;

  @Test
  void hqKilledTwiceMidIngest_everyClosingStoredOnceAndReceipted() {
    Scenario scenario = Scenario.begin(1, "HQ killed mid-ingest", getClass());
    List<String> ids =
        IntStream.rangeClosed(1, OUTLETS).mapToObj(i -> String.format("outlet-%02d", i)).toList();
    try (Site site = Site.create("1-hq-killed", ids, Db::h2)) {
      AtomicInteger variant = new AtomicInteger();
      Site.each(
          site.outlets(),
          6,
          outlet -> outlet.fill(Sales.days(Sales.FIRST_DAY, PER_OUTLET, variant.addAndGet(7))));
      scenario.log("%d closings sealed into %d outboxes", OUTLETS * PER_OUTLET, OUTLETS);

      // The backlog builds on the broker while HQ is down: real flushes, receipts not awaited.
      Site.each(
          site.outlets(),
          4,
          outlet -> {
            Launched.Result flush = outlet.run(Map.of("OUTPOST_RECEIPT_TIMEOUT", "1s"), "flush");
            scenario.expect(
                flush.exit() == 0 && flush.output().contains(PER_OUTLET + " sent"),
                "backlog flush: " + flush);
          });
      long backlog = site.broker().messageCount(Addresses.CLOSINGS);
      scenario.log("backlog on the broker: %d closings", backlog);
      scenario.expect(backlog == OUTLETS * PER_OUTLET, "backlog of " + backlog);

      HqProcess hq = site.hq("hq");
      hq.start();
      int atFirstKill = killWhenStored(hq, FIRST_KILL);
      scenario.log("HQ killed with %d stored", atFirstKill);
      hq.start();
      int atSecondKill = killWhenStored(hq, SECOND_KILL);
      scenario.log("HQ killed with %d stored", atSecondKill);
      hq.start();
      Await.until(
          "HQ to drain the backlog",
          Duration.ofMinutes(3),
          () -> site.broker().messageCount(Addresses.CLOSINGS) == 0);
      scenario.log("backlog drained by the third HQ process");

      scenario.flushUntilAcknowledged(site.outlets(), 4);
      int exit = hq.stop();
      scenario.expect(exit == 0, "HQ exited " + exit + " on SIGTERM");

      Audit.Counts counts = Audit.of(site, site.outlets());
      scenario.finish(
          site,
          String.format(
              "kill -9 of HQ twice while it ingested a backlog of %,d closings from %d outlets"
                  + " (at %,d and %,d stored); each time restarted by the same command",
              OUTLETS * PER_OUTLET, OUTLETS, atFirstKill, atSecondKill),
          counts,
          0,
          String.format(
              "Redelivered after the kills and answered DUPLICATE: %d.",
              hq.logged("DUPLICATE").size()));
    }
  }

  /** Kills HQ once it has logged {@code threshold} stored closings; returns how many it had. */
  private static int killWhenStored(HqProcess hq, int threshold) {
    Await.until(
        threshold + " closings stored",
        Duration.ofMinutes(3),
        () -> hq.logged("STORED").size() >= threshold);
    hq.kill9();
    return hq.logged("STORED").size();
  }
}
