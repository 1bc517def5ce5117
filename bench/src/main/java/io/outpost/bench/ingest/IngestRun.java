package io.outpost.bench.ingest;

import io.outpost.bench.BenchException;
import io.outpost.bench.BenchRun;
import io.outpost.bench.Comparison;
import io.outpost.bench.Measurement;
import io.outpost.bench.RunOutcome;
import io.outpost.bench.RunSettings;
import io.outpost.bench.Stats;
import io.outpost.bench.ingest.ProcessClock.Rate;
import io.outpost.hq.HqConfig;
import io.outpost.hq.HqService;
import io.outpost.hq.core.HqException;
import io.outpost.message.SecureMessages;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * HQ ingest end to end: a backlog of sealed closings from many outlets drained through the in-JVM
 * broker (broker-config/) by the real HQ service into H2 and, when the local server answers, into
 * PostgreSQL, receipts included, with each number of ingest threads. Beside each drain rate, in the
 * same JVM and the same round, the crypto ceiling: RSA-OAEP unwraps per second on as many threads
 * as HQ ingests with. With more than one backlog size (the first {@code days} of each outlet's
 * chain), each larger drain is also compared with the smallest: its rate (cost per closing) and the
 * JVM's peak memory should stay flat.
 */
public final class IngestRun implements BenchRun {

  public static final String NAME = "ingest";

  /**
   * How big the backlog is: {@code days} lists the backlog sizes to drain (closings per outlet),
   * and {@code threads} the numbers of ingest threads to drain each with.
   */
  public record Scale(int outlets, List<Integer> days, int keyBits, List<Integer> threads) {

    /** The full run's backlog: 20,000 closings from 100 outlets, RSA-3072, on 1, 2 and 4 threads. */
    public static final Scale FULL = new Scale(100, List.of(200), 3072, List.of(1, 2, 4));

    /** A few closings with small keys: proves the path works, measures nothing. */
    public static final Scale SMOKE = new Scale(2, List.of(5, 10), 2048, List.of(2));

    public Scale {
      days = List.copyOf(new TreeSet<>(days));
      threads = List.copyOf(new TreeSet<>(threads));
      if (outlets < 1 || days.isEmpty() || days.get(0) < 1 || keyBits < 2048) {
        throw new IllegalArgumentException("outlets and days must be positive, keys >= 2048 bits");
      }
      if (threads.isEmpty() || threads.get(0) < 1) {
        throw new IllegalArgumentException("thread counts must be positive, were " + threads);
      }
    }

    /** The largest backlog, the one sealed. */
    public int closings() {
      return outlets * days.get(days.size() - 1);
    }
  }

  private static final Duration POLL = Duration.ofMillis(100);
  /** Business days of the backlog drained, sealed and plain, into each database before measuring. */
  private static final int WARM_UP_DAYS = 5;
  private static final double MB = 1024 * 1024;

  private final Scale scale;

  public IngestRun(Scale scale) {
    this.scale = scale;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public RunOutcome run(RunSettings settings, PrintStream progress) throws BenchException {
    if (!settings.includes(NAME)) {
      return new RunOutcome(List.of(), List.of(), Map.of());
    }
    Path work;
    try {
      work = Files.createTempDirectory("outpost-bench-ingest");
    } catch (IOException e) {
      throw failed("cannot create a working directory", e);
    }
    try {
      return measure(settings, progress, work);
    } finally {
      deleteQuietly(work);
    }
  }

  private RunOutcome measure(RunSettings settings, PrintStream progress, Path work)
      throws BenchException {
    progress.printf(
        "ingest: generating %d RSA-%d keys and sealing %d closings%n",
        scale.outlets() + 1, scale.keyBits(), scale.closings());
    long setupStart = System.nanoTime();
    Backlog backlog;
    UnwrapCeiling ceiling;
    try {
      backlog =
          Backlog.create(
              Files.createDirectory(work.resolve("backlog")),
              scale.outlets(),
              scale.days().get(scale.days().size() - 1),
              scale.keyBits(),
              Runtime.getRuntime().availableProcessors());
      ceiling = new UnwrapCeiling(backlog.hq());
    } catch (Exception e) {
      throw failed("preparing the backlog failed", e);
    }
    double setupSeconds = (System.nanoTime() - setupStart) / 1e9;
    Duration window = settings.iterationTime().multipliedBy(settings.measurementIterations());
    Duration warmUp = settings.iterationTime().multipliedBy(settings.warmupIterations());

    Map<String, List<List<Double>>> rounds = new LinkedHashMap<>();
    Map<String, List<List<Double>>> cpuRounds = new LinkedHashMap<>();
    List<Double> sendRates = new ArrayList<>();
    boolean postgres = IngestDatabase.postgres().isPresent();
    List<String> kinds = postgres ? List.of("h2", "postgres") : List.of("h2");
    // HQ is a service: the figure wanted is its rate once its code is compiled. In a fresh JVM the
    // JIT takes most of a core through the first thousands of closings, which on two cores is
    // most of what a small backlog measures; one drain of each kind first, as JMH warms up.
    int warmUpDays = Math.min(WARM_UP_DAYS, scale.days().get(0));
    for (String kind : kinds) {
      progress.printf(
          "ingest: warming up, %d sealed and %d plain closings into %s%n",
          backlog.closings(warmUpDays), backlog.closings(warmUpDays), kind);
      drainIn(work, 0, backlog, warmUpDays, kind, scale.threads().get(0), false);
      drainIn(work, 0, backlog, warmUpDays, kind, scale.threads().get(0), true);
    }
    for (int round = 1; round <= settings.rounds(); round++) {
      for (int days : scale.days()) {
        for (String kind : kinds) {
          String name = name(kind, backlog.closings(days));
          progress.printf(
              "ingest: round %d of %d, %d plain closings into %s%n",
              round, settings.rounds(), backlog.closings(days), kind);
          Drained plain = drainIn(work, round, backlog, days, kind, plainThreads(), true);
          add(rounds, "plain-" + name, plain.rate().perSecond());
          add(cpuRounds, "plain-" + name, plain.rate().perCpuSecond());
          for (int threads : scale.threads()) {
            String key = name + "/" + threads;
            progress.printf(
                "ingest: round %d of %d, %d closings into %s on %d thread(s)%n",
                round, settings.rounds(), backlog.closings(days), kind, threads);
            Rate before = ceiling(ceiling, threads, warmUp, window);
            Drained drained = drainIn(work, round, backlog, days, kind, threads, false);
            Rate after = ceiling(ceiling, threads, warmUp, window);
            sendRates.add(drained.sentPerSecond());
            add(rounds, key, drained.rate().perSecond());
            add(cpuRounds, key, drained.rate().perCpuSecond());
            add(rounds, "ceiling-" + key, before.perSecond(), after.perSecond());
            add(cpuRounds, "ceiling-" + key, before.perCpuSecond(), after.perCpuSecond());
            add(rounds, "heap-" + key, drained.heapBytes() / MB);
            add(rounds, "resident-" + key, drained.residentBytes() / MB);
          }
        }
      }
    }

    List<Measurement> measurements = new ArrayList<>();
    List<Comparison> comparisons = new ArrayList<>();
    for (String kind : kinds) {
      Map<Integer, Measurement> plain = new LinkedHashMap<>();
      for (int days : scale.days()) {
        String name = name(kind, backlog.closings(days));
        Measurement m =
            measurement(
                "plain-" + name,
                plainThreads(),
                "closings/s",
                String.format(
                    Locale.ROOT,
                    "closings/s: the same drain of %,d closings into %s with sealing switched off"
                        + " (plain JSON bodies, only decoded), receipts signed",
                    backlog.closings(days),
                    kind),
                rounds.get("plain-" + name),
                cpuRounds.get("plain-" + name));
        plain.put(days, m);
        measurements.add(m);
      }
      for (int threads : scale.threads()) {
        Measurement smallest = null;
        Measurement smallestHeap = null;
        for (int days : scale.days()) {
          int closings = backlog.closings(days);
          String name = name(kind, closings);
          String key = name + "/" + threads;
          Measurement ingest =
              measurement(
                  name,
                  threads,
                  "closings/s",
                  String.format(
                      Locale.ROOT,
                      "closings/s: HQ drains %,d sealed closings from %d outlets through the"
                          + " broker into %s on %d ingest thread(s), receipts sent",
                      closings,
                      scale.outlets(),
                      kind.equals("h2") ? "H2 (file)" : "PostgreSQL (local server)",
                      threads),
                  rounds.get(key),
                  cpuRounds.get(key));
          Measurement unwrap =
              measurement(
                  "rsaOaepUnwrap-" + name,
                  threads,
                  "ops/s",
                  String.format(
                      Locale.ROOT,
                      "RSA-%d OAEP unwraps/s in the same JVM on %d thread(s), just before and"
                          + " after each %s drain",
                      scale.keyBits(),
                      threads,
                      name),
                  rounds.get("ceiling-" + key),
                  cpuRounds.get("ceiling-" + key));
          Measurement heap =
              measurement(
                  "heap-" + name,
                  threads,
                  "MB",
                  "peak heap after GC of the JVM (HQ, broker, harness) during the "
                      + name
                      + " drain",
                  rounds.get("heap-" + key),
                  List.of());
          Measurement resident =
              measurement(
                  "resident-" + name,
                  threads,
                  "MB",
                  "peak resident size of the JVM (HQ, broker, and the backlog's setup before)"
                      + " during the "
                      + name
                      + " drain",
                  rounds.get("resident-" + key),
                  List.of());
          measurements.addAll(List.of(ingest, unwrap, heap, resident));
          comparisons.add(
              new Comparison(
                  ingest.id(),
                  unwrap.id(),
                  "fraction of the crypto ceiling: HQ ingest into "
                      + kind
                      + " (goal: at least 0.6)"));
          comparisons.add(
              new Comparison(
                  ingest.id(),
                  plain.get(days).id(),
                  "sealed vs plain closings through the same pipeline: 1.0 = sealing is free"));
          if (smallest == null) {
            smallest = ingest;
            smallestHeap = heap;
          } else {
            comparisons.add(
                new Comparison(
                    ingest.id(),
                    smallest.id(),
                    "closings/s at "
                        + name
                        + " vs the smallest backlog: 1.0 = flat cost per closing"));
            comparisons.add(
                new Comparison(
                    heap.id(),
                    smallestHeap.id(),
                    "peak heap at " + name + " vs the smallest backlog: 1.0 = bounded memory"));
          }
        }
      }
    }
    Map<String, String> notes = new LinkedHashMap<>();
    notes.put(
        "backlog",
        String.format(
            Locale.ROOT,
            "%d outlets × %s business days = %s closings, drained as separate backlogs; %,d bytes"
                + " sealed (RSA-%d keys made in this JVM; keys and sealing took %.0f s); sent at a"
                + " median %.0f closings/s",
            scale.outlets(),
            scale.days().stream().map(String::valueOf).collect(Collectors.joining(" or ")),
            scale.days().stream()
                .map(d -> String.format(Locale.ROOT, "%,d", backlog.closings(d)))
                .collect(Collectors.joining(" or ")),
            backlog.bytes(),
            scale.keyBits(),
            setupSeconds,
            Stats.of(sendRates).median()));
    notes.put(
        "HQ",
        "HqService as in production: ingest on "
            + scale.threads()
            + " thread(s), batches of "
            + HqConfig.DEFAULT_BATCH_SIZE
            + ", batched signed receipts; the broker in the same JVM, on the same cores; the clock"
            + " runs from HQ's start (schema migrated) to the last receipt the broker accepted;"
            + String.format(
                Locale.ROOT,
                " measured after one warm-up drain of %,d sealed and %,d plain closings into each"
                    + " database in this JVM (the JIT's compiling, not HQ, is what a fresh JVM's"
                    + " first thousands of closings measure);",
                backlog.closings(Math.min(WARM_UP_DAYS, scale.days().get(0))),
                backlog.closings(Math.min(WARM_UP_DAYS, scale.days().get(0))))
            + " CPU-seconds are this"
            + " JVM's (HQ and broker; PostgreSQL's server runs outside it); memory is this JVM's"
            + " (HQ, broker and harness), with a heap of at most "
            + Math.round(Runtime.getRuntime().maxMemory() / MB)
            + " MB");
    if (!postgres) {
      notes.put("postgres", "no PostgreSQL server answered on 127.0.0.1:5432; H2 only");
    }
    return new RunOutcome(measurements, comparisons, notes);
  }

  /**
   * What one drain measured: closings answered per second (and per CPU-second), sent per second,
   * and the JVM's peak memory.
   */
  private record Drained(Rate rate, double sentPerSecond, long heapBytes, long residentBytes) {}

  /**
   * The baseline without sealing has nothing to verify, so one thread count is enough: the
   * smallest, so that its CPU-time ratio pairs with the sealed drain on as many threads.
   */
  private int plainThreads() {
    return scale.threads().get(0);
  }

  /** A figure's name: the database, and the backlog's size where several are drained. */
  private String name(String kind, int closings) {
    return scale.days().size() > 1 ? kind + "-" + closings : kind;
  }

  private static Measurement measurement(
      String name,
      int threads,
      String unit,
      String label,
      List<List<Double>> rounds,
      List<List<Double>> cpuRounds) {
    return new Measurement(
        Measurement.idOf(NAME, name, threads),
        NAME,
        name,
        label,
        unit,
        threads,
        0,
        rounds,
        cpuRounds);
  }

  private static void add(Map<String, List<List<Double>>> rounds, String key, Double... samples) {
    rounds.computeIfAbsent(key, k -> new ArrayList<>()).add(List.of(samples));
  }

  /** One drain in a directory of its own, deleted after. */
  private Drained drainIn(
      Path work, int round, Backlog backlog, int days, String kind, int threads, boolean plain)
      throws BenchException {
    String what = (plain ? "plain-" : "") + name(kind, backlog.closings(days)) + "-t" + threads;
    Path dir = work.resolve("round-" + round + "-" + what);
    try {
      Files.createDirectory(dir);
      return drain(backlog, days, dir, kind, threads, plain);
    } catch (BenchException e) {
      throw e;
    } catch (Exception e) {
      throw failed("the " + what + " drain of round " + round + " failed", e);
    } finally {
      deleteQuietly(dir);
    }
  }

  private static Rate ceiling(UnwrapCeiling ceiling, int threads, Duration warmUp, Duration window)
      throws BenchException {
    try {
      return ceiling.measure(threads, warmUp, window);
    } catch (Exception e) {
      throw failed("measuring the unwrap ceiling on " + threads + " thread(s) failed", e);
    }
  }

  private Drained drain(
      Backlog backlog, int days, Path dir, String kind, int threads, boolean plain)
      throws Exception {
    IngestDatabase database =
        kind.equals("h2")
            ? IngestDatabase.h2(dir)
            : IngestDatabase.postgres()
                .orElseThrow(() -> new IllegalStateException("PostgreSQL went away"));
    try (FleetBroker broker = FleetBroker.start(dir.resolve("broker"), backlog);
        IngestDatabase db = database) {
      int closings = backlog.closings(days);
      long sendStart = System.nanoTime();
      backlog.send(broker.url(), days, plain);
      double sent = closings / ((System.nanoTime() - sendStart) / 1e9);
      HqService.Settings settings = broker.hqSettings(db.settings(), threads);
      long deadline = System.nanoTime() + timeout(closings).toNanos();
      try (MemoryPeak memory = MemoryPeak.start();
          HqService hq = startHq(settings, backlog, plain)) {
        // From the consumers' start: migrating a fresh schema is a one-off that would weigh on a
        // small backlog's rate alone.
        ProcessClock clock = ProcessClock.start();
        while (!db.answered(closings)) {
          if (System.nanoTime() > deadline) {
            long[] counts = db.counts();
            throw new BenchException(
                BenchException.Reason.RUN_FAILED,
                "HQ answered "
                    + counts[0]
                    + " and stored "
                    + counts[1]
                    + " of "
                    + closings
                    + " closings before the timeout; see the HQ log in "
                    + System.getProperty("java.io.tmpdir"));
          }
          Thread.sleep(POLL.toMillis());
          memory.sample();
        }
        Rate rate = clock.rate(closings);
        long[] counts = db.counts();
        if (counts[1] != closings) {
          throw new BenchException(
              BenchException.Reason.RUN_FAILED,
              "HQ stored " + counts[1] + " closings, not " + closings);
        }
        return new Drained(rate, sent, memory.heapBytes(), memory.peakResidentBytes());
      }
    }
  }

  /**
   * Starts the real HQ service for {@code fleet} on {@code settings}; with {@code plain}, with
   * sealing switched off ({@link PlainClosings}: closings arrive as JSON, receipts are signed).
   */
  public static HqService startHq(HqService.Settings settings, Backlog fleet, boolean plain)
      throws HqException {
    if (!plain) {
      return HqService.start(settings, fleet.hq(), fleet.hqTrust(), Clock.systemUTC());
    }
    SecureMessages signer = new SecureMessages(fleet.hq(), fleet.hqTrust(), Clock.systemUTC());
    return HqService.start(
        settings, new PlainClosings(signer), fleet.hq(), fleet.hqTrust(), Clock.systemUTC());
  }

  /** Far beyond any plausible drain, but a stuck HQ fails the run rather than hanging it. */
  private static Duration timeout(int closings) {
    return Duration.ofSeconds(60 + closings / 10);
  }

  private static BenchException failed(String what, Exception cause) {
    return new BenchException(BenchException.Reason.RUN_FAILED, what + ": " + cause, cause);
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary directory left behind is harmless
    }
  }
}
