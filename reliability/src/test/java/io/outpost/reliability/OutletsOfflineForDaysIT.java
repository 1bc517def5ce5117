package io.outpost.reliability;

import io.outpost.message.payload.SalesDay;
import io.outpost.outlet.EntryState;
import io.outpost.outlet.OutboxEntry;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Issue 4, item 3: three outlets close five business days while they cannot reach the broker (one
 * real {@code outlet close} per outlet and day), then come back and flush. A fourth outlet is
 * online every day. HQ must hold every chain unbroken and its report must show no gap.
 */
class OutletsOfflineForDaysIT {

  private static final int DAYS = 5;
  private static final int OFFLINE = 3;

  @Test
  void outletsOfflineForDays_flushLater_chainsContinuousAndReportShowsNoGap() {
    Scenario scenario = Scenario.begin(3, "Outlets offline for days", getClass());
    List<String> ids = List.of("outlet-21", "outlet-22", "outlet-23", "outlet-24");
    try (Site site = Site.create("3-offline-days", ids, Db::h2)) {
      HqProcess hq = site.hq("hq");
      hq.start();
      List<Outlet> offline = site.outlets().subList(0, OFFLINE);
      String nowhere = "tcp://127.0.0.1:" + Ports.free();
      offline.forEach(outlet -> outlet.brokerUrl(nowhere));

      List<LocalDate> days = IntStream.range(0, DAYS).mapToObj(Sales.FIRST_DAY::plusDays).toList();
      for (LocalDate day : days) {
        SalesDay sales = Sales.day(day, day.getDayOfYear());
        Path file = Sales.file(site.dir().resolve("sales"), sales);
        Site.each(
            site.outlets(),
            4,
            outlet -> {
              boolean away = offline.contains(outlet);
              Launched.Result close =
                  outlet.run(
                      Map.of("OUTPOST_CONNECT_ATTEMPTS", "1"), "close", "--sales", file.toString());
              scenario.expect(
                  away
                      ? close.exit() == 3 && close.output().contains("offline")
                      : close.exit() == 0,
                  "close of " + day + ": " + close);
            });
        scenario.log("%s closed by every outlet (%d offline)", day, OFFLINE);
      }
      for (Outlet outlet : offline) {
        List<OutboxEntry> entries = outlet.entries();
        scenario.expect(
            entries.size() == DAYS
                && entries.stream().allMatch(e -> e.state() == EntryState.PENDING)
                && entries.get(DAYS - 1).sequence() == DAYS,
            outlet.id() + " holds " + entries + " while offline");
      }

      offline.forEach(outlet -> outlet.brokerUrl(site.broker().url()));
      scenario.flushUntilAcknowledged(offline, 3);
      scenario.log("the offline outlets are back and flushed");
      int exit = hq.stop();
      scenario.expect(exit == 0, "HQ exited " + exit + " on SIGTERM");

      // the gaps and forks section covers every chain whatever the day; the first and the last
      // offline day show that every outlet closed them
      for (LocalDate day : List.of(days.get(0), days.get(DAYS - 1))) {
        Launched.Result report = hq.command("report", "--date", day.toString());
        scenario.expect(
            report.exit() == 0
                && report.output().contains("Closed: " + ids.size() + " outlet(s)")
                && report.output().contains("Not closed: none")
                && report.output().contains("Gaps and forks: none"),
            "hq report --date " + day + ": " + report);
      }
      scenario.log("hq report: every outlet closed the first and the last day, no gap, no fork");

      Audit.Counts counts = Audit.of(site, site.outlets());
      scenario.finish(
          site,
          String.format(
              "%d outlets offline (broker unreachable) for %d business days, one real `outlet"
                  + " close` per outlet and day (exit 3), then `outlet flush`; a fourth outlet"
                  + " online throughout",
              OFFLINE, DAYS),
          counts,
          0,
          "Sequences 1–"
              + DAYS
              + " unbroken at HQ; `hq report` for the first and the last day: every outlet"
              + " closed, no gap, no fork.");
    }
  }
}
