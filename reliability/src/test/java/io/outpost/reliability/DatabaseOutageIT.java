package io.outpost.reliability;

import io.outpost.message.Addresses;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Issue 4, item 7: HQ reaches PostgreSQL through a TCP proxy the suite controls. Mid-ingest the
 * proxy first resets every open connection, then cuts the database off for twenty seconds
 * (connections reset, new ones refused). Closings must wait on the broker and be stored when the
 * database is back: none lost, none quarantined.
 */
class DatabaseOutageIT {

  private static final int OUTLETS = 8;
  private static final int PER_OUTLET = 50;
  private static final Duration OUTAGE = Duration.ofSeconds(20);
  private static final String ROLLED_BACK = "closing(s) rolled back";

  @Test
  void databaseCutOffDuringIngest_closingsWaitOnTheBroker_storedWhenItReturns() {
    Scenario scenario = Scenario.begin(7, "Database unavailable during ingest", getClass());
    List<String> ids =
        IntStream.rangeClosed(11, 10 + OUTLETS)
            .mapToObj(i -> String.format("outlet-%02d", i))
            .toList();
    try (Site site = Site.create("7-database-outage", ids, home -> Db.postgres("7"));
        TcpProxy proxy = new TcpProxy(5432)) {
      Site.each(
          site.outlets(), 6, outlet -> outlet.fill(Sales.days(Sales.FIRST_DAY, PER_OUTLET, 7)));
      HqProcess hq = site.hq("hq", site.db().through(proxy.port()));
      hq.start();

      List<Launched> flushes = new ArrayList<>();
      for (Outlet outlet : site.outlets()) {
        flushes.add(outlet.start(Map.of("OUTPOST_RECEIPT_TIMEOUT", "1s"), "flush"));
      }
      Await.until("80 stored", Duration.ofMinutes(3), () -> hq.logged("STORED").size() >= 80);
      proxy.dropConnections();
      int atReset = hq.logged("STORED").size();
      scenario.log("every database connection reset at %d stored", atReset);

      Await.until("160 stored", Duration.ofMinutes(3), () -> hq.logged("STORED").size() >= 160);
      long rolledBeforeCut = hq.linesContaining(ROLLED_BACK);
      proxy.cut();
      int atCut = hq.logged("STORED").size();
      scenario.log("database cut off at %d stored", atCut);
      // a batch whose database commit just made it may still log after the cut
      Await.sleep(Duration.ofSeconds(2));
      int settled = hq.logged("STORED").size();
      long waitingMax = 0;
      long deadline = System.nanoTime() + OUTAGE.toNanos();
      while (System.nanoTime() < deadline) {
        waitingMax = Math.max(waitingMax, site.broker().messageCount(Addresses.CLOSINGS));
        scenario.expect(
            site.broker().messageCount(Addresses.QUARANTINE) == 0,
            "a closing was quarantined during the outage");
        Await.sleep(Duration.ofSeconds(1));
      }
      int storedDuringOutage = hq.logged("STORED").size() - settled;
      scenario.expect(hq.alive(), "HQ died without its database");
      scenario.expect(storedDuringOutage == 0, storedDuringOutage + " stored without a database");
      // each rollback spends a delivery attempt of every closing in the batch: HQ must stop
      // consuming while the database is away, or a long outage would fill the dead-letter queue
      long rolledDuringCut = hq.linesContaining(ROLLED_BACK) - rolledBeforeCut;
      scenario.expect(
          rolledDuringCut <= 2,
          rolledDuringCut + " batches rolled back during the outage: HQ kept consuming");
      scenario.log("outage over: up to %d closings waited on the broker", waitingMax);
      proxy.restore();

      for (Launched flush : flushes) {
        flush.waitFor(Duration.ofMinutes(3));
      }
      Await.until(
          "HQ to drain the queue",
          Duration.ofMinutes(3),
          () -> site.broker().messageCount(Addresses.CLOSINGS) == 0);
      scenario.flushUntilAcknowledged(site.outlets(), 4);
      scenario.expect(hq.starts() == 1, "HQ had to be restarted");
      long rolledBack = hq.linesContaining(ROLLED_BACK);
      int exit = hq.stop();
      scenario.expect(exit == 0, "HQ exited " + exit + " on SIGTERM");

      Audit.Counts counts = Audit.of(site, site.outlets());
      scenario.finish(
          site,
          String.format(
              "PostgreSQL behind a TCP proxy: every connection reset at %d stored, then the"
                  + " database cut off (reset and refused) for %d s at %d stored, while %d outlets"
                  + " flushed %d closings",
              atReset, OUTAGE.toSeconds(), atCut, OUTLETS, OUTLETS * PER_OUTLET),
          counts,
          0,
          String.format(
              "Up to %d closings waited on the broker; %d batch(es) rolled back and redelivered in"
                  + " all, %d during the %d s cut (HQ then waits for the database instead of"
                  + " consuming, so an outage of any length spends one delivery attempt); HQ"
                  + " recovered without a restart.",
              waitingMax, rolledBack, rolledDuringCut, OUTAGE.toSeconds()));
    }
  }
}
