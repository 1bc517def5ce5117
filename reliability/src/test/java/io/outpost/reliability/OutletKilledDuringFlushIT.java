package io.outpost.reliability;

import io.outpost.message.Addresses;
import io.outpost.outlet.EntryState;
import io.outpost.outlet.OutboxEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 4, item 4: {@code outlet flush} is killed with SIGKILL at several points — while the JVM
 * starts, in the middle of sending, while receipts are applied, and the instant a file is being
 * written into the outbox — then run again until everything is acknowledged.
 */
class OutletKilledDuringFlushIT {

  private static final int PER_OUTLET = 120;
  private static final String TEMP_PREFIX = ".tmp-";

  /** The {@code nth} temporary file written in the outbox's entries, or in its receipts/. */
  private record TempFile(int nth, boolean inReceipts) {
    @Override
    public String toString() {
      return "temporary file #" + nth + (inReceipts ? " of a receipt" : "");
    }
  }

  private final List<String> kills = new ArrayList<>();
  private int sentUnmarked;
  private int tempFilesLeft;

  @Test
  void outletKilledAtSeveralPointsOfFlush_flushAgain_noneLostNoneDoubled() throws Exception {
    Scenario scenario = Scenario.begin(4, "Outlet killed during flush", getClass());
    try (Site site = Site.create("4-outlet-killed", List.of("outlet-25", "outlet-26"), Db::h2)) {
      Site.each(
          site.outlets(), 2, outlet -> outlet.fill(Sales.days(Sales.FIRST_DAY, PER_OUTLET, 3)));
      HqProcess hq = site.hq("hq");
      hq.start();
      Outlet sender = site.outlets().get(0);
      Outlet writer = site.outlets().get(1);
      Map<String, String> progress = Map.of("OUTPOST_PROGRESS_EVERY", "25");

      Launched flush = sender.start(progress, "flush");
      Await.sleep(Duration.ofMillis(300));
      kill(scenario, site, hq, sender, flush, "while its JVM started");

      flush = sender.start(progress, "flush");
      Launched first = flush;
      Await.until("25 sent", Duration.ofMinutes(2), () -> first.output().contains("sent 25 of"));
      kill(scenario, site, hq, sender, flush, "after 25 sends");

      flush = sender.start(progress, "flush");
      Launched second = flush;
      Await.until("50 sent", Duration.ofMinutes(2), () -> second.output().contains("sent 50 of"));
      kill(scenario, site, hq, sender, flush, "after 50 more sends");

      long acknowledged = sender.count(EntryState.ACKNOWLEDGED);
      flush = sender.start(Map.of(), "flush");
      Await.until(
          "receipts being applied",
          Duration.ofMinutes(2),
          () -> sender.count(EntryState.ACKNOWLEDGED) > acknowledged);
      kill(scenario, site, hq, sender, flush, "while it applied receipts");

      for (TempFile trigger :
          List.of(new TempFile(1, false), new TempFile(40, false), new TempFile(1, true))) {
        flush = writer.start(Map.of(), "flush");
        boolean caught = awaitTempFile(writer, flush, trigger);
        kill(
            scenario,
            site,
            hq,
            writer,
            flush,
            caught ? "at " + trigger : "after it ended (no temporary file seen)");
      }

      scenario.flushUntilAcknowledged(site.outlets(), 2);
      for (Outlet outlet : site.outlets()) {
        List<Path> left = tempFiles(outlet.outbox());
        scenario.expect(left.isEmpty(), outlet.id() + " still holds temporary files " + left);
      }
      int exit = hq.stop();
      scenario.expect(exit == 0, "HQ exited " + exit + " on SIGTERM");

      Audit.Counts counts = Audit.of(site, site.outlets());
      scenario.finish(
          site,
          String.format(
              "kill -9 of `outlet flush` %d times (%d closings in 2 outboxes): %s; then flush"
                  + " again",
              kills.size(), 2 * PER_OUTLET, String.join("; ", kills)),
          counts,
          0,
          String.format(
              "At the kills %d closing(s) were on the broker but not yet marked sent (sent again"
                  + " with the same duplicate id); %d temporary file(s) left by a kill were removed"
                  + " by the next command; HQ answered DUPLICATE %d time(s).",
              sentUnmarked, tempFilesLeft, hq.logged("DUPLICATE").size()));
    }
  }

  /** Kills the flush, then notes what the kill left: entries sent but unmarked, temp files. */
  private void kill(
      Scenario scenario, Site site, HqProcess hq, Outlet outlet, Launched flush, String when)
      throws IOException {
    boolean wasAlive = flush.alive();
    flush.kill9();
    int left = tempFiles(outlet.outbox()).size();
    tempFilesLeft += left;
    Await.until(
        "HQ catching up",
        Duration.ofMinutes(1),
        () -> site.broker().messageCount(Addresses.CLOSINGS) == 0);
    Set<String> stored = hq.logged("STORED");
    long unmarked =
        outlet.entries().stream()
            .filter(e -> e.state() == EntryState.PENDING)
            .map(OutboxEntry::messageId)
            .filter(id -> stored.contains(id.toString()))
            .count();
    sentUnmarked += (int) unmarked;
    String what = (wasAlive ? "" : "(already ended) ") + when;
    kills.add(what);
    scenario.log(
        "%s killed %s: %d pending, %d sent, %d acknowledged; %d on the broker but unmarked; %d"
            + " temporary file(s) left",
        outlet.id(),
        what,
        outlet.count(EntryState.PENDING),
        outlet.count(EntryState.SENT),
        outlet.count(EntryState.ACKNOWLEDGED),
        unmarked,
        left);
  }

  /** Watches the outbox with inotify until the trigger's file appears; true if it did in time. */
  private static boolean awaitTempFile(Outlet outlet, Launched flush, TempFile trigger)
      throws IOException, InterruptedException {
    Path outbox = outlet.outbox();
    Files.createDirectories(outbox.resolve("receipts"));
    try (WatchService watcher = FileSystems.getDefault().newWatchService()) {
      if (trigger.inReceipts()) {
        outbox.resolve("receipts").register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
      } else {
        try (Stream<Path> entries = Files.list(outbox)) {
          for (Path entry : entries.filter(Files::isDirectory).toList()) {
            entry.register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
          }
        }
      }
      int seen = 0;
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
      while (flush.alive() && System.nanoTime() < deadline) {
        WatchKey key = watcher.poll(100, TimeUnit.MILLISECONDS);
        if (key == null) {
          continue;
        }
        for (WatchEvent<?> event : key.pollEvents()) {
          if (event.context() instanceof Path name
              && name.toString().startsWith(TEMP_PREFIX)
              && ++seen >= trigger.nth()) {
            return true;
          }
        }
        key.reset();
      }
      return false;
    }
  }

  private static List<Path> tempFiles(Path outbox) {
    try (Stream<Path> walk = Files.walk(outbox)) {
      return walk.filter(p -> p.getFileName().toString().startsWith(TEMP_PREFIX)).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
