package io.outpost.reliability;

import io.outpost.message.Addresses;
import io.outpost.message.payload.SalesDay;
import io.outpost.outlet.EntryState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 4, item 8: an outbox whose disk is full (a tiny tmpfs, or a file size limit where the suite
 * may not mount one), and outbox files truncated or altered. Each must give a clear error; the
 * other entries must still flush; nothing may be dropped in silence.
 */
class OutboxDiskIT {

  private static final int ON_FULL_DISK = 10;
  private static final int IN_DAMAGED_OUTBOX = 12;

  private HqProcess hq;

  @Test
  void fullDiskAndDamagedFiles_clearErrors_otherEntriesFlush_nothingDropped() throws Exception {
    Scenario scenario = Scenario.begin(8, "Outbox disk full, outbox files damaged", getClass());
    try (Site site = Site.create("8-outbox-disk", List.of("outlet-27", "outlet-28"), Db::h2)) {
      hq = site.hq("hq");
      hq.start();
      Outlet full = site.outlets().get(0);
      Outlet damaged = site.outlets().get(1);

      String fullDisk = fullDisk(scenario, site, full);
      String damage = damagedFiles(scenario, site, damaged);

      int exit = hq.stop();
      scenario.expect(exit == 0, "HQ exited " + exit + " on SIGTERM");
      Audit.Counts counts = Audit.of(site, site.outlets());
      scenario.finish(site, fullDisk + "; " + damage, counts, 0, "");
    }
  }

  /** A close on a full disk fails cleanly; what is already in the outbox still goes out. */
  private String fullDisk(Scenario scenario, Site site, Outlet outlet) throws IOException {
    Path disk = outlet.dir().resolve("disk");
    Optional<SmallDisk> mounted = SmallDisk.mount(disk, "384k");
    String how;
    try {
      outlet.outboxAt(disk.resolve("outbox"));
      List<SalesDay> days = Sales.days(Sales.FIRST_DAY, ON_FULL_DISK + 1, 8);
      outlet.fill(days.subList(0, ON_FULL_DISK));
      Path lastDay = Sales.file(outlet.dir().resolve("sales"), days.get(ON_FULL_DISK));
      String expectedError;
      if (mounted.isPresent()) {
        long filler = mounted.get().fill();
        how = "outbox on a 384 KiB tmpfs filled up (" + filler / 1024 + " KiB filler)";
        expectedError = "No space left on device";
      } else {
        outlet.wrapWith(List.of("bash", "-c", "ulimit -f 2 && exec \"$0\" \"$@\""));
        how = "outlet run under `ulimit -f 2` (no tmpfs could be mounted)";
        expectedError = "File too large";
      }
      scenario.log("%s", how);

      Launched.Result close = outlet.run("close", "--sales", lastDay.toString());
      scenario.expect(
          close.exit() == 1 && close.output().contains(expectedError),
          "close on a full disk: " + close);
      scenario.expect(
          outlet.scan().entries().size() == ON_FULL_DISK
              && outlet.scan().problems().isEmpty()
              && tempFiles(outlet.outbox()).isEmpty(),
          "the failed close left something behind: "
              + outlet.entries().size()
              + " entries, "
              + tempFiles(outlet.outbox()));

      Launched.Result flush = outlet.run("flush");
      scenario.log(
          "flush on the full disk exited %d: %s", flush.exit(), firstLines(flush.output(), 3));
      long onBroker = storedOrQueued(site, outlet);
      scenario.expect(
          onBroker == ON_FULL_DISK,
          "only "
              + onBroker
              + " of "
              + ON_FULL_DISK
              + " pending entries reached HQ from the full"
              + " disk: "
              + flush);
      scenario.expect(
          flush.exit() == 0 || flush.output().contains(expectedError),
          "flush on a full disk failed without saying why: " + flush);

      mounted.ifPresent(SmallDisk::free);
      outlet.wrapWith(List.of());
      Launched.Result retry = outlet.run("close", "--sales", lastDay.toString());
      scenario.expect(retry.exit() == 0, "close once there is room again: " + retry);
      scenario.flushUntilAcknowledged(List.of(outlet), 1);
      return how
          + ": `close` exit 1 naming the error, "
          + onBroker
          + " pending entries still"
          + " reached HQ, the day closed again once there was room";
    } finally {
      if (mounted.isPresent()) {
        // the audit reads this outbox after the scenario: keep a copy off the tmpfs
        Path copy = outlet.dir().resolve("outbox-copy");
        copyTree(disk.resolve("outbox"), copy);
        outlet.outboxAt(copy);
        mounted.get().close();
      }
    }
  }

  /**
   * Entries truncated, emptied and altered: flush sends the others and names these; once they are
   * restored from a backup, they go too.
   */
  private String damagedFiles(Scenario scenario, Site site, Outlet outlet) throws IOException {
    outlet.fill(Sales.days(Sales.FIRST_DAY, IN_DAMAGED_OUTBOX, 9));
    Path backup = outlet.dir().resolve("backup");
    copyTree(outlet.outbox(), backup);
    Path truncated = entry(outlet, 3, "closing.p7m");
    Path emptied = entry(outlet, 8, "meta.properties");
    Path altered = entry(outlet, 6, "closing.p7m");
    Path head = entry(outlet, IN_DAMAGED_OUTBOX - 1, "meta.properties");
    byte[] sealed = Files.readAllBytes(truncated);
    Files.write(truncated, Arrays.copyOf(sealed, sealed.length / 2));
    Files.write(emptied, new byte[0]);
    byte[] bytes = Files.readAllBytes(altered);
    bytes[bytes.length / 2] ^= 0x01;
    Files.write(altered, bytes);
    Files.write(head, Arrays.copyOf(Files.readAllBytes(head), 20));
    List<Path> damagedFiles = List.of(truncated, emptied, altered, head);

    Launched.Result flush = outlet.run("flush");
    for (Path file : damagedFiles) {
      scenario.expect(
          flush.output().contains(file.getParent().getFileName().toString()),
          "flush did not name " + file + ": " + flush);
    }
    scenario.expect(flush.exit() == 1, "flush with damaged entries: " + flush);
    long acknowledged = outlet.count(EntryState.ACKNOWLEDGED);
    scenario.expect(
        acknowledged == IN_DAMAGED_OUTBOX - damagedFiles.size(),
        acknowledged
            + " of the "
            + (IN_DAMAGED_OUTBOX - damagedFiles.size())
            + " intact entries acknowledged");

    Launched.Result status = outlet.run("status");
    scenario.expect(
        status.exit() == 1 && status.output().contains("unreadable"),
        "status with damaged entries: " + status);
    Path nextDay =
        Sales.file(
            outlet.dir().resolve("sales"),
            Sales.day(Sales.FIRST_DAY.plusDays(IN_DAMAGED_OUTBOX), 9));
    Launched.Result close = outlet.run("close", "--sales", nextDay.toString());
    scenario.expect(
        close.exit() == 1 && close.output().contains("repair it first"),
        "close after a damaged last entry: " + close);

    for (Path file : damagedFiles) {
      Files.copy(
          backup.resolve(outlet.outbox().relativize(file)),
          file,
          StandardCopyOption.REPLACE_EXISTING);
    }
    scenario.flushUntilAcknowledged(List.of(outlet), 1);
    Launched.Result after = outlet.run("close", "--sales", nextDay.toString());
    scenario.expect(after.exit() == 0, "close after the repair: " + after);
    scenario.flushUntilAcknowledged(List.of(outlet), 1);
    return "4 of "
        + IN_DAMAGED_OUTBOX
        + " entries damaged (closing.p7m truncated, closing.p7m"
        + " altered, meta.properties emptied, the last entry's meta.properties truncated):"
        + " `flush` exit 1 naming each, the "
        + (IN_DAMAGED_OUTBOX - damagedFiles.size())
        + " others stored and acknowledged, `status` exit 1, `close` refused until repaired;"
        + " restored from a backup, all went";
  }

  private static Path entry(Outlet outlet, int index, String file) {
    return outlet.outbox().resolve(outlet.entries().get(index).name()).resolve(file);
  }

  /** Closings of this outlet that HQ has stored, once it has caught up with the queue. */
  private long storedOrQueued(Site site, Outlet outlet) {
    Await.until(
        "HQ catching up",
        Duration.ofMinutes(1),
        () -> site.broker().messageCount(Addresses.CLOSINGS) == 0);
    Set<String> stored = hq.logged("STORED");
    return outlet.entries().stream().filter(e -> stored.contains(e.messageId().toString())).count();
  }

  private static List<Path> tempFiles(Path outbox) throws IOException {
    if (!Files.exists(outbox)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(outbox)) {
      return walk.filter(p -> p.getFileName().toString().startsWith(".tmp-")).toList();
    }
  }

  private static String firstLines(String text, int n) {
    return String.join(" / ", text.lines().limit(n).toList());
  }

  private static void copyTree(Path from, Path to) throws IOException {
    List<Path> all;
    try (Stream<Path> walk = Files.walk(from)) {
      all = new ArrayList<>(walk.toList());
    }
    for (Path source : all) {
      Path target = to.resolve(from.relativize(source).toString());
      if (Files.isDirectory(source)) {
        Files.createDirectories(target);
      } else {
        Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }
}
