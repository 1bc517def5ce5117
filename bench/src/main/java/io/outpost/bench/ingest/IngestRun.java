package io.outpost.bench.ingest;

import io.outpost.bench.BenchException;
import io.outpost.bench.BenchRun;
import io.outpost.bench.Comparison;
import io.outpost.bench.Measurement;
import io.outpost.bench.RunOutcome;
import io.outpost.bench.RunSettings;
import io.outpost.bench.Stats;
import io.outpost.bench.ingest.ProcessClock.Rate;
import io.outpost.broker.BrokerAccounts;
import io.outpost.broker.BrokerConfig;
import io.outpost.broker.EmbeddedBroker;
import io.outpost.hq.HqConfig;
import io.outpost.hq.HqService;
import io.outpost.hq.jms.JmsBroker;
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
import java.util.stream.Stream;

/**
 * HQ ingest end to end: a backlog of sealed closings from many outlets drained through the in-JVM
 * broker (broker-config/) by the real HQ service into H2 and, when the local server answers, into
 * PostgreSQL, receipts included. Beside each drain rate, in the same JVM and the same round, the
 * crypto ceiling: RSA-OAEP unwraps per second on as many threads as HQ ingests with (one).
 */
public final class IngestRun implements BenchRun {

  public static final String NAME = "ingest";

  /** How big the backlog is. */
  public record Scale(int outlets, int days, int keyBits) {

    /** The backlog: 20,000 closings from 100 outlets, RSA-3072. */
    public static final Scale FULL = new Scale(100, 200, 3072);

    /** A few closings with small keys: proves the path works, measures nothing. */
    public static final Scale SMOKE = new Scale(2, 10, 2048);

    public Scale {
      if (outlets < 1 || days < 1 || keyBits < 2048) {
        throw new IllegalArgumentException("outlets and days must be positive, keys >= 2048 bits");
      }
    }

    public int closings() {
      return outlets * days;
    }
  }

  /** HQ's one closing consumer. */
  private static final int HQ_INGEST_THREADS = 1;

  private static final Duration POLL = Duration.ofMillis(100);
  private static final int BROKER_HASH_ITERATIONS = 10_000;

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
              scale.days(),
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
    for (int round = 1; round <= settings.rounds(); round++) {
      for (String kind : kinds) {
        progress.printf(
            "ingest: round %d of %d, %d closings into %s%n",
            round, settings.rounds(), backlog.closings(), kind);
        Path dir = work.resolve("round-" + round + "-" + kind);
        Rate before;
        Rate after;
        Drained drained;
        try {
          Files.createDirectory(dir);
          before = ceiling.measure(warmUp, window);
          drained = drain(backlog, dir, kind);
          after = ceiling.measure(warmUp, window);
        } catch (BenchException e) {
          throw e;
        } catch (Exception e) {
          throw failed("the " + kind + " drain of round " + round + " failed", e);
        } finally {
          deleteQuietly(dir);
        }
        sendRates.add(drained.sentPerSecond());
        add(rounds, kind, drained.rate().perSecond());
        add(cpuRounds, kind, drained.rate().perCpuSecond());
        add(rounds, "ceiling-" + kind, before.perSecond(), after.perSecond());
        add(cpuRounds, "ceiling-" + kind, before.perCpuSecond(), after.perCpuSecond());
      }
    }

    List<Measurement> measurements = new ArrayList<>();
    List<Comparison> comparisons = new ArrayList<>();
    for (String kind : kinds) {
      Measurement ingest =
          new Measurement(
              Measurement.idOf(NAME, kind, HQ_INGEST_THREADS),
              NAME,
              kind,
              String.format(
                  Locale.ROOT,
                  "closings/s: HQ drains %,d sealed closings from %d outlets through the broker"
                      + " into %s, receipts sent",
                  backlog.closings(),
                  scale.outlets(),
                  kind.equals("h2") ? "H2 (file)" : "PostgreSQL (local server)"),
              "closings/s",
              HQ_INGEST_THREADS,
              0,
              rounds.get(kind),
              cpuRounds.get(kind));
      Measurement unwrap =
          new Measurement(
              Measurement.idOf(NAME, "rsaOaepUnwrap-" + kind, HQ_INGEST_THREADS),
              NAME,
              "rsaOaepUnwrap-" + kind,
              "RSA-"
                  + scale.keyBits()
                  + " OAEP unwraps/s in the same JVM on HQ's one ingest"
                  + " thread, just before and after each "
                  + kind
                  + " drain",
              "ops/s",
              HQ_INGEST_THREADS,
              0,
              rounds.get("ceiling-" + kind),
              cpuRounds.get("ceiling-" + kind));
      measurements.add(ingest);
      measurements.add(unwrap);
      comparisons.add(
          new Comparison(
              ingest.id(),
              unwrap.id(),
              "fraction of the crypto ceiling: HQ ingest into " + kind + " (goal: at least 0.6)"));
    }
    Map<String, String> notes = new LinkedHashMap<>();
    notes.put(
        "backlog",
        String.format(
            Locale.ROOT,
            "%d outlets × %d business days = %,d closings, %,d bytes sealed (RSA-%d keys made in"
                + " this JVM; keys and sealing took %.0f s); sent at a median %.0f closings/s",
            scale.outlets(),
            scale.days(),
            backlog.closings(),
            backlog.bytes(),
            scale.keyBits(),
            setupSeconds,
            Stats.of(sendRates).median()));
    notes.put(
        "HQ",
        "HqService as in production: one ingest thread, batches of "
            + HqConfig.DEFAULT_BATCH_SIZE
            + ", batched signed receipts; the broker in the same JVM, on the same cores; the clock"
            + " runs from HQ's start to the last receipt the broker accepted; CPU-seconds are this"
            + " JVM's (HQ and broker; PostgreSQL's server runs outside it)");
    if (!postgres) {
      notes.put("postgres", "no PostgreSQL server answered on 127.0.0.1:5432; H2 only");
    }
    return new RunOutcome(measurements, comparisons, notes);
  }

  /** What one drain measured: closings answered per second (and per CPU-second), and sent. */
  private record Drained(Rate rate, double sentPerSecond) {}

  private static void add(Map<String, List<List<Double>>> rounds, String key, Double... samples) {
    rounds.computeIfAbsent(key, k -> new ArrayList<>()).add(List.of(samples));
  }

  private Drained drain(Backlog backlog, Path dir, String kind) throws Exception {
    Path config = BrokerConfig.locate();
    Path instance = dir.resolve("broker");
    BrokerConfig.initInstance(config, instance);
    BrokerAccounts accounts = BrokerAccounts.open(instance, BROKER_HASH_ITERATIONS);
    accounts.addHq(Backlog.HQ_ID, backlog.password(-1).toCharArray());
    for (int i = 0; i < backlog.outlets().size(); i++) {
      accounts.addOutlet(backlog.outlets().get(i).id(), backlog.password(i).toCharArray());
    }
    IngestDatabase database =
        kind.equals("h2")
            ? IngestDatabase.h2(dir)
            : IngestDatabase.postgres()
                .orElseThrow(() -> new IllegalStateException("PostgreSQL went away"));
    try (EmbeddedBroker broker = EmbeddedBroker.start(config, instance, 0);
        IngestDatabase db = database) {
      long sendStart = System.nanoTime();
      backlog.send(broker.url());
      double sent = backlog.closings() / ((System.nanoTime() - sendStart) / 1e9);
      HqService.Settings settings =
          new HqService.Settings(
              new JmsBroker.Settings(broker.url(), Backlog.HQ_ID, backlog.password(-1)),
              db.settings(),
              HqConfig.DEFAULT_BATCH_SIZE,
              HqConfig.DEFAULT_RECEIVE_TIMEOUT);
      ProcessClock clock = ProcessClock.start();
      long deadline = System.nanoTime() + timeout(backlog.closings()).toNanos();
      try (HqService hq =
          HqService.start(settings, backlog.hq(), backlog.hqTrust(), Clock.systemUTC())) {
        long[] counts = db.counts();
        while (counts[0] < backlog.closings()) {
          if (System.nanoTime() > deadline) {
            throw new BenchException(
                BenchException.Reason.RUN_FAILED,
                "HQ answered "
                    + counts[0]
                    + " and stored "
                    + counts[1]
                    + " of "
                    + backlog.closings()
                    + " closings before the timeout; see the HQ log in "
                    + System.getProperty("java.io.tmpdir"));
          }
          Thread.sleep(POLL.toMillis());
          counts = db.counts();
        }
        Rate rate = clock.rate(backlog.closings());
        if (counts[1] != backlog.closings()) {
          throw new BenchException(
              BenchException.Reason.RUN_FAILED,
              "HQ stored " + counts[1] + " closings, not " + backlog.closings());
        }
        return new Drained(rate, sent);
      }
    }
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
