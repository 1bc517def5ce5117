package io.outpost.reliability;

import io.outpost.keystore.KeystoreException;
import io.outpost.keystore.TrustDirectory;
import io.outpost.message.payload.SalesDay;
import io.outpost.outlet.EntryState;
import io.outpost.outlet.OutboxEntry;
import io.outpost.outlet.OutboxFill;
import io.outpost.outlet.OutboxScan;
import io.outpost.outlet.OutletException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One outlet of a scenario: a party of the fleet with an outbox of its own, and {@code bin/outlet}
 * run as a real process for every command.
 */
final class Outlet {

  /** How long a flush waits for receipts when HQ is expected to answer. */
  static final String RECEIPT_WAIT = "20s";

  /**
   * JVM options for short outlet commands (bin/launch passes OUTPOST_JAVA_OPTS to java): the C1
   * compiler alone and the serial collector roughly halve the CPU a command costs, which matters
   * when hundreds of them run on two cores. The product's code and settings are untouched.
   */
  static final String JAVA_OPTS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC";

  private final Party party;
  private final Path dir;
  private final AtomicInteger commands = new AtomicInteger();
  private volatile String brokerUrl;
  private volatile Path outbox;
  private volatile List<String> wrapper = List.of();

  Outlet(Party party, Path dir, String brokerUrl) {
    this.party = party;
    this.dir = dir;
    this.brokerUrl = brokerUrl;
    this.outbox = dir.resolve("outbox");
  }

  String id() {
    return party.id();
  }

  Party party() {
    return party;
  }

  Path dir() {
    return dir;
  }

  Path outbox() {
    return outbox;
  }

  /** Moves the outbox (before anything is in it), for instance onto a small file system. */
  void outboxAt(Path dir) {
    this.outbox = dir;
  }

  /**
   * Runs the following commands through {@code wrapper}, for instance {@code bash -c 'ulimit -f 2;
   * exec "$0" "$@"'}; an empty list runs them directly.
   */
  void wrapWith(List<String> wrapper) {
    this.wrapper = List.copyOf(wrapper);
  }

  /** Where the outlet's commands look for the broker (a dead port makes it offline). */
  void brokerUrl(String url) {
    this.brokerUrl = url;
  }

  /** What the outlet's settings would say, as environment variables. */
  Map<String, String> env(Map<String, String> extra) {
    Map<String, String> env = new HashMap<>();
    env.put("OUTPOST_BROKER_URL", brokerUrl);
    env.put("OUTPOST_BROKER_USER", party.id());
    env.put("OUTPOST_BROKER_PASSWORD_FILE", party.brokerPasswordFile().toString());
    env.put("OUTPOST_KEY_DIR", party.keyDir().toString());
    env.put("OUTPOST_OUTBOX_DIR", outbox().toString());
    env.put("OUTPOST_MENU_DIR", dir.resolve("menu").toString());
    env.put("OUTPOST_HQ_ID", Fleet.HQ);
    env.put("OUTPOST_RECEIPT_TIMEOUT", RECEIPT_WAIT);
    env.put("OUTPOST_CONNECT_ATTEMPTS", "3");
    env.put("OUTPOST_CONNECT_BACKOFF", "250ms");
    env.put("OUTPOST_JAVA_OPTS", JAVA_OPTS);
    env.putAll(extra);
    return env;
  }

  /** Starts {@code bin/outlet ARGS} in the background. */
  Launched start(Map<String, String> extra, String... args) {
    List<String> command = new ArrayList<>(wrapper);
    command.add(Repo.bin("outlet").toString());
    command.add("--password-file");
    command.add(party.keyPasswordFile().toString());
    command.addAll(List.of(args));
    int n = commands.incrementAndGet();
    String name = party.id() + " " + String.join(" ", args);
    return Launched.start(
        name,
        command,
        env(extra),
        dir,
        dir.resolve(String.format("outlet-%02d-%s.log", n, args[0])));
  }

  /** Runs {@code bin/outlet ARGS} to its end. */
  Launched.Result run(Map<String, String> extra, String... args) {
    return start(extra, args).result(Duration.ofMinutes(3));
  }

  Launched.Result run(String... args) {
    return run(Map.of(), args);
  }

  /**
   * Runs {@code flush} until every entry of the outbox holds a verified receipt, as a periodic job
   * at the outlet would. Gives up after two flushes in a row that brought no receipt (each waits
   * {@value #RECEIPT_WAIT} for one), or after {@code timeout}.
   *
   * @return null when everything is acknowledged, else what the outbox still lacks
   */
  String flushUntilAcknowledged(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Launched.Result last = null;
    int idle = 0;
    long acknowledged = count(EntryState.ACKNOWLEDGED);
    while (System.nanoTime() < deadline && idle < 2) {
      last = run("flush");
      OutboxScan scan = scan();
      if (scan.problems().isEmpty()
          && scan.entries().stream().allMatch(e -> e.state() == EntryState.ACKNOWLEDGED)) {
        return null;
      }
      long now = scan.count(EntryState.ACKNOWLEDGED);
      idle = now > acknowledged ? 0 : idle + 1;
      acknowledged = now;
    }
    OutboxScan scan = scan();
    System.out.println("  " + id() + ": last flush before giving up: " + last);
    return String.format(
        "%s: %d of %d entries acknowledged, %d pending, %d awaiting a receipt, %d unreadable",
        id(),
        scan.count(EntryState.ACKNOWLEDGED),
        scan.entries().size(),
        scan.count(EntryState.PENDING),
        scan.count(EntryState.SENT),
        scan.problems().size());
  }

  /** Closes these days straight into the outbox, in-process (see {@link OutboxFill}). */
  List<UUID> fill(List<SalesDay> days) {
    try {
      return OutboxFill.close(
          party.identity(), TrustDirectory.load(party.keyDir()), Fleet.HQ, outbox(), days);
    } catch (OutletException | KeystoreException e) {
      throw new IllegalStateException(id() + ": cannot fill the outbox: " + e.getMessage(), e);
    }
  }

  OutboxScan scan() {
    try {
      return OutboxFill.scan(outbox());
    } catch (OutletException e) {
      throw new IllegalStateException(id() + ": cannot read the outbox: " + e.getMessage(), e);
    }
  }

  long count(EntryState state) {
    return scan().count(state);
  }

  List<OutboxEntry> entries() {
    return scan().entries();
  }
}
