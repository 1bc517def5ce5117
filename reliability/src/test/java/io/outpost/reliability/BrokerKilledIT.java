package io.outpost.reliability;

import io.outpost.outlet.EntryState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Issue 4, item 2: the broker is killed with SIGKILL while outlets flush and HQ ingests, and again
 * while HQ works through what is left; each time it is started again from its journal.
 */
class BrokerKilledIT {

  private static final int OUTLETS = 8;
  private static final int PER_OUTLET = 50;

  @Test
  void brokerKilledTwice_restartedFromItsJournal_nothingLostOrDoubled() {
    Scenario scenario = Scenario.begin(2, "Broker killed during flushes and ingest", getClass());
    List<String> ids =
        IntStream.rangeClosed(1, OUTLETS).mapToObj(i -> String.format("outlet-%02d", i)).toList();
    try (Site site = Site.create("2-broker-killed", ids, Db::h2)) {
      Site.each(
          site.outlets(),
          6,
          outlet -> outlet.fill(Sales.days(Sales.FIRST_DAY, PER_OUTLET, outlet.id().hashCode())));
      HqProcess hq = site.hq("hq");
      hq.start();

      // Every outlet flushes at once; patient enough to ride out a short outage, or not.
      Map<String, String> patient =
          Map.of("OUTPOST_CONNECT_ATTEMPTS", "4", "OUTPOST_CONNECT_BACKOFF", "500ms");
      List<Launched> flushes = new ArrayList<>();
      for (Outlet outlet : site.outlets()) {
        flushes.add(outlet.start(patient, "flush"));
      }
      Await.until(
          "HQ storing while the outlets flush",
          Duration.ofMinutes(3),
          () -> hq.logged("STORED").size() >= 60);
      long flushing = flushes.stream().filter(Launched::alive).count();
      long onBroker = sentSoFar(site);
      site.broker().kill9();
      int storedAtFirstKill = hq.logged("STORED").size();
      scenario.log(
          "broker killed: %d stored, %d sent by the outlets, %d flushes still running",
          storedAtFirstKill, onBroker, flushing);
      Await.sleep(Duration.ofSeconds(2));
      site.broker().start();
      scenario.log("broker restarted from its journal");

      Map<Integer, Integer> exits = new TreeMap<>();
      for (Launched flush : flushes) {
        exits.merge(flush.waitFor(Duration.ofMinutes(3)), 1, Integer::sum);
      }
      scenario.log("first flushes ended with exit codes %s (3: offline)", exits);

      // The rest goes out; the broker dies again while HQ ingests it.
      List<Launched> second = new ArrayList<>();
      for (Outlet outlet : site.outlets()) {
        second.add(outlet.start(patient, "flush"));
      }
      int before = hq.logged("STORED").size();
      Await.until(
          "HQ storing again",
          Duration.ofMinutes(3),
          () -> hq.logged("STORED").size() >= Math.min(before + 60, OUTLETS * PER_OUTLET));
      site.broker().kill9();
      int storedAtSecondKill = hq.logged("STORED").size();
      scenario.log("broker killed again: %d stored", storedAtSecondKill);
      Await.sleep(Duration.ofSeconds(2));
      site.broker().start();
      second.forEach(flush -> flush.waitFor(Duration.ofMinutes(3)));

      scenario.flushUntilAcknowledged(site.outlets(), 4);
      scenario.expect(hq.alive(), "HQ died with the broker");
      scenario.expect(hq.starts() == 1, "HQ had to be restarted");
      int exit = hq.stop();
      scenario.expect(exit == 0, "HQ exited " + exit + " on SIGTERM");

      Audit.Counts counts = Audit.of(site, site.outlets());
      scenario.finish(
          site,
          String.format(
              "kill -9 of the broker while %d outlets flushed %d closings and HQ ingested (at %d"
                  + " stored), and again at %d stored; restarted from its journal each time",
              OUTLETS, OUTLETS * PER_OUTLET, storedAtFirstKill, storedAtSecondKill),
          counts,
          0,
          String.format(
              "HQ reconnected by itself; first flushes exited %s; answered DUPLICATE after"
                  + " redelivery: %d.",
              exits, hq.logged("DUPLICATE").size()));
    }
  }

  private static long sentSoFar(Site site) {
    return site.outlets().stream()
        .mapToLong(o -> o.count(EntryState.SENT) + o.count(EntryState.ACKNOWLEDGED))
        .sum();
  }
}
