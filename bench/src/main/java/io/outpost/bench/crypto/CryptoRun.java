package io.outpost.bench.crypto;

import static io.outpost.bench.crypto.CryptoBenchmark.CMS_OPEN_SEALED;
import static io.outpost.bench.crypto.CryptoBenchmark.CMS_OPEN_SIGNED;
import static io.outpost.bench.crypto.CryptoBenchmark.CMS_SIGN;
import static io.outpost.bench.crypto.CryptoBenchmark.DECODE_CLOSING;
import static io.outpost.bench.crypto.CryptoBenchmark.ENCODE_CLOSING;
import static io.outpost.bench.crypto.CryptoBenchmark.GCM_BOUNCY_CASTLE;
import static io.outpost.bench.crypto.CryptoBenchmark.GCM_SUNJCE;
import static io.outpost.bench.crypto.CryptoBenchmark.OPEN_CLOSING;
import static io.outpost.bench.crypto.CryptoBenchmark.RSA_OAEP_UNWRAP;
import static io.outpost.bench.crypto.CryptoBenchmark.RSA_PSS_SIGN;
import static io.outpost.bench.crypto.CryptoBenchmark.RSA_PSS_VERIFY;
import static io.outpost.bench.crypto.CryptoBenchmark.SEAL_CLOSING;

import io.outpost.bench.BenchException;
import io.outpost.bench.BenchRun;
import io.outpost.bench.Comparison;
import io.outpost.bench.Measurement;
import io.outpost.bench.RunOutcome;
import io.outpost.bench.RunSettings;
import io.outpost.keystore.IdentityGenerator;
import io.outpost.message.SecureMessageException;
import io.outpost.message.SecureMessages;
import io.outpost.message.payload.Closing;
import io.outpost.message.payload.PayloadCodec;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.openjdk.jmh.util.Version;

/**
 * The crypto micro-benchmarks under JMH, once per thread count, with their baselines: the RSA
 * private operation that bounds opening, the signatures that bound sealing, Bouncy Castle's AES-GCM
 * beside the JDK's, and the JSON codec beside the operations that include it.
 */
public final class CryptoRun implements BenchRun {

  public static final String NAME = "crypto";

  /** A fixed heap, so that forks do not differ by how the JVM sized it. */
  private static final String[] FORK_JVM_ARGS = {"-Xms512m", "-Xmx512m"};

  private final boolean verbose;

  /** {@code verbose} passes JMH's own progress output through; otherwise one line per pass. */
  public CryptoRun(boolean verbose) {
    this.verbose = verbose;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public RunOutcome run(RunSettings settings, PrintStream progress) throws BenchException {
    List<CryptoBenchmark> selected =
        Arrays.stream(CryptoBenchmark.values()).filter(b -> settings.includes(b.method())).toList();
    if (selected.isEmpty()) {
      return new RunOutcome(List.of(), List.of(), Map.of());
    }
    Map<String, String> notes = fixtureNotes();
    // Rounds outermost: every figure and its baseline get samples from every part of the run.
    Map<String, List<List<Double>>> rounds = new LinkedHashMap<>();
    Map<String, List<List<Double>>> cpuRounds = new LinkedHashMap<>();
    for (int round = 1; round <= settings.rounds(); round++) {
      for (int threads : settings.threads()) {
        progress.printf(
            "crypto: round %d of %d, %d benchmarks on %d thread(s)%n",
            round, settings.rounds(), selected.size(), threads);
        Map<CryptoBenchmark, Samples> measured = measure(selected, threads, settings, progress);
        measured.forEach(
            (benchmark, samples) -> {
              String id = Measurement.idOf(NAME, benchmark.method(), threads);
              rounds.computeIfAbsent(id, k -> new ArrayList<>()).add(samples.wall());
              cpuRounds.computeIfAbsent(id, k -> new ArrayList<>()).add(samples.cpu());
            });
      }
    }
    List<Measurement> measurements = new ArrayList<>();
    for (int threads : settings.threads()) {
      for (CryptoBenchmark b : selected) {
        measurements.add(
            new Measurement(
                Measurement.idOf(NAME, b.method(), threads),
                NAME,
                b.method(),
                b.label(),
                "ops/s",
                threads,
                b.bytesPerOp(),
                rounds.get(Measurement.idOf(NAME, b.method(), threads)),
                cpuRounds.get(Measurement.idOf(NAME, b.method(), threads))));
      }
    }
    return new RunOutcome(measurements, comparisons(measurements, settings.threads()), notes);
  }

  /** One benchmark's measurement iterations in one round: ops per second and per CPU-second. */
  private record Samples(List<Double> wall, List<Double> cpu) {}

  /** One round on one thread count. */
  private Map<CryptoBenchmark, Samples> measure(
      List<CryptoBenchmark> selected, int threads, RunSettings settings, PrintStream progress)
      throws BenchException {
    String include =
        "^("
            + selected.stream()
                .map(b -> Pattern.quote(b.jmhName()))
                .collect(Collectors.joining("|"))
            + ")$";
    TimeValue iteration = TimeValue.milliseconds(settings.iterationTime().toMillis());
    Options options =
        new OptionsBuilder()
            .include(include)
            .mode(Mode.Throughput)
            .timeUnit(TimeUnit.SECONDS)
            .forks(settings.forked() ? 1 : 0)
            .warmupIterations(settings.warmupIterations())
            .warmupTime(iteration)
            .measurementIterations(settings.measurementIterations())
            .measurementTime(iteration)
            .threads(threads)
            .jvmArgs(FORK_JVM_ARGS)
            .addProfiler(CpuTimeProfiler.class)
            .shouldFailOnError(true)
            .build();
    Collection<RunResult> results;
    try {
      results =
          new Runner(
                  options,
                  OutputFormatFactory.createFormatInstance(
                      progress, verbose ? VerboseMode.NORMAL : VerboseMode.SILENT))
              .run();
    } catch (RunnerException e) {
      throw new BenchException(
          BenchException.Reason.RUN_FAILED, "a crypto benchmark failed: " + e.getMessage(), e);
    }
    Map<CryptoBenchmark, Samples> measured = new LinkedHashMap<>();
    for (RunResult result : results) {
      if (!"ops/s".equals(result.getPrimaryResult().getScoreUnit())
          || result.getParams().getThreads() != threads) {
        throw new BenchException(
            BenchException.Reason.RUN_FAILED,
            "JMH measured "
                + result.getPrimaryResult().getScoreUnit()
                + " on "
                + result.getParams().getThreads()
                + " threads, not ops/s on "
                + threads);
      }
      List<Double> wall = new ArrayList<>();
      List<Double> cpu = new ArrayList<>();
      for (BenchmarkResult fork : result.getBenchmarkResults()) {
        for (IterationResult iterationResult : fork.getIterationResults()) {
          wall.add(iterationResult.getPrimaryResult().getScore());
          Result<?> perCpu = iterationResult.getSecondaryResults().get(CpuTimeProfiler.RESULT);
          if (perCpu == null) {
            throw new BenchException(
                BenchException.Reason.RUN_FAILED,
                "no CPU time was recorded for " + result.getParams().getBenchmark());
          }
          cpu.add(perCpu.getScore());
        }
      }
      measured.put(
          CryptoBenchmark.ofJmhName(result.getParams().getBenchmark()), new Samples(wall, cpu));
    }
    if (!measured.keySet().containsAll(selected)) {
      throw new BenchException(
          BenchException.Reason.RUN_FAILED,
          "JMH returned results for " + measured.keySet() + ", not for all of " + selected);
    }
    return measured;
  }

  /** Each figure beside its baseline on the same thread count, for what was measured. */
  static List<Comparison> comparisons(List<Measurement> measured, List<Integer> threadCounts) {
    Set<String> ids = new HashSet<>();
    measured.forEach(m -> ids.add(m.id()));
    List<Comparison> all = new ArrayList<>();
    for (int t : threadCounts) {
      all.add(
          on(
              t,
              OPEN_CLOSING,
              RSA_OAEP_UNWRAP,
              "fraction of the crypto ceiling: opening a closing needs one OAEP unwrap"));
      all.add(
          on(
              t,
              CMS_OPEN_SEALED,
              RSA_OAEP_UNWRAP,
              "fraction of the crypto ceiling, CMS layers alone"));
      all.add(
          on(t, OPEN_CLOSING, CMS_OPEN_SEALED, "facade over CMS: JSON decoding and binding cost"));
      all.add(on(t, SEAL_CLOSING, OPEN_CLOSING, "seal vs open"));
      all.add(
          on(t, SEAL_CLOSING, RSA_PSS_SIGN, "sealing makes two signatures: 0.5 is its ceiling"));
      all.add(on(t, CMS_SIGN, RSA_PSS_SIGN, "one SignedData vs its one signature (1.0 = free)"));
      all.add(
          on(
              t,
              CMS_OPEN_SIGNED,
              RSA_PSS_VERIFY,
              "one SignedData opened vs its one verification (1.0 = free)"));
      all.add(on(t, GCM_SUNJCE, GCM_BOUNCY_CASTLE, "SunJCE's AES-GCM is this many times faster"));
      all.add(on(t, OPEN_CLOSING, DECODE_CLOSING, "share of an open's time spent decoding JSON"));
      all.add(on(t, SEAL_CLOSING, ENCODE_CLOSING, "share of a seal's time spent encoding JSON"));
    }
    if (threadCounts.size() > 1) {
      int one = threadCounts.get(0);
      for (int t : threadCounts.subList(1, threadCounts.size())) {
        String scaling = t + " threads vs " + one + " (" + ((double) t / one) + " = linear)";
        for (CryptoBenchmark b : List.of(RSA_OAEP_UNWRAP, OPEN_CLOSING, SEAL_CLOSING, GCM_SUNJCE)) {
          all.add(
              new Comparison(
                  Measurement.idOf(NAME, b.method(), t),
                  Measurement.idOf(NAME, b.method(), one),
                  scaling));
        }
      }
    }
    return all.stream()
        .filter(c -> ids.contains(c.figureId()) && ids.contains(c.baselineId()))
        .toList();
  }

  private static Comparison on(
      int threads, CryptoBenchmark figure, CryptoBenchmark baseline, String reading) {
    return new Comparison(
        Measurement.idOf(NAME, figure.method(), threads),
        Measurement.idOf(NAME, baseline.method(), threads),
        reading);
  }

  /** What the closing benchmarks work on, checked once in this JVM. */
  private static Map<String, String> fixtureNotes() throws BenchException {
    Closing closing = Fixtures.closing();
    byte[] json = new PayloadCodec().encode(closing);
    int sealed;
    try {
      SecureMessages outlet =
          new SecureMessages(Fixtures.outlet(), Fixtures.outletTrust(), Fixtures.CLOCK);
      SecureMessages hq = new SecureMessages(Fixtures.hq(), Fixtures.hqTrust(), Fixtures.CLOCK);
      byte[] message = outlet.sealClosing(closing);
      hq.openClosing(message);
      sealed = message.length;
    } catch (SecureMessageException e) {
      throw new BenchException(
          BenchException.Reason.RUN_FAILED, "the example closing does not open: " + e, e);
    }
    Map<String, String> notes = new LinkedHashMap<>();
    notes.put(
        "closing",
        "examples/closing.json: "
            + closing.lines().size()
            + " lines, "
            + json.length
            + " bytes of JSON, "
            + sealed
            + " bytes sealed");
    notes.put(
        "keys",
        "RSA-"
            + IdentityGenerator.DEFAULT_BITS
            + ", generated at setup in each JVM; JDK providers (SunJCE, SunRsaSign)");
    notes.put("jmh", "JMH " + Version.getPlainVersion() + ", throughput mode");
    notes.put("fork JVM", String.join(" ", FORK_JVM_ARGS));
    return notes;
  }
}
