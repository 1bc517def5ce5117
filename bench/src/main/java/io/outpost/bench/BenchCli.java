package io.outpost.bench;

import io.outpost.bench.crypto.CryptoRun;
import io.outpost.bench.ingest.IngestRun;
import io.outpost.bench.reply.EndToEndRun;
import io.outpost.bench.reply.LatencyRun;
import io.outpost.bench.reply.MenuRun;
import io.outpost.bench.start.StartRun;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code bin/bench}: runs the benchmarks and writes {@code latest.md} and {@code latest.json}. Exit
 * codes: 0 results written, 1 a benchmark or the writing failed, 2 usage.
 */
public final class BenchCli {

  static final String MARKDOWN = "latest.md";
  static final String JSON = "latest.json";
  private static final Duration LOAD_SAMPLE_INTERVAL = Duration.ofSeconds(5);

  private BenchCli() {}

  public static void main(String[] args) {
    System.exit(run(System.out, System.err, args));
  }

  static int run(PrintStream out, PrintStream err, String... args) {
    BenchOptions options;
    try {
      options = BenchOptions.parse(args);
    } catch (BenchOptions.HelpRequested e) {
      out.print(BenchOptions.USAGE);
      return 0;
    } catch (BenchOptions.UsageException e) {
      err.println("bench: " + e.getMessage());
      err.print(BenchOptions.USAGE);
      return 2;
    }
    if (options.smoke()) {
      // JMH refuses to start beside another JMH run (a lock file); a smoke run measures nothing
      // worth protecting, and must not fail because a full run is going on.
      System.setProperty("jmh.ignoreLock", "true");
    }
    List<BenchRun> runs;
    try {
      runs = select(available(options), options.runs());
    } catch (BenchException e) {
      err.println("bench: " + e.getMessage());
      return 2;
    }
    try {
      BenchReport report = measure(runs, options, out);
      write(report, options.out());
      out.println();
      for (BenchReport.Row row : report.rows()) {
        out.printf(
            "%-36s %10s  vs %-36s %10s  ratio %-6s CPU ratio %s%n",
            row.figure().id(),
            MarkdownReport.number(row.figure().stats().median()),
            row.baseline().id(),
            MarkdownReport.number(row.baseline().stats().median()),
            MarkdownReport.ratio(row.ratio().value()),
            row.cpuRatio().map(r -> MarkdownReport.ratio(r.value())).orElse("-"));
      }
      out.println("wrote " + options.out().resolve(MARKDOWN) + " and " + JSON);
      return 0;
    } catch (BenchException e) {
      err.println("bench: " + e.getMessage());
      return 1;
    }
  }

  /** Every run this build has, in report order. End-to-end runs join this list as they land. */
  static List<BenchRun> available(BenchOptions options) {
    return List.of(
        new CryptoRun(!options.quiet()),
        new IngestRun(options.ingest()),
        new LatencyRun(options.latency()),
        new MenuRun(options.menu()),
        new StartRun(options.start()),
        new EndToEndRun(options.e2e()));
  }

  private static List<BenchRun> select(List<BenchRun> available, List<String> names)
      throws BenchException {
    if (names.isEmpty()) {
      return available;
    }
    Map<String, BenchRun> byName = new LinkedHashMap<>();
    available.forEach(r -> byName.put(r.name(), r));
    for (String name : names) {
      if (!byName.containsKey(name)) {
        throw new BenchException(
            BenchException.Reason.USAGE,
            "unknown run '" + name + "'; this build has " + byName.keySet());
      }
    }
    return available.stream().filter(r -> names.contains(r.name())).toList();
  }

  private static BenchReport measure(List<BenchRun> runs, BenchOptions options, PrintStream out)
      throws BenchException {
    Instant started = Instant.now();
    long startNanos = System.nanoTime();
    Map<String, RunOutcome> outcomes = new LinkedHashMap<>();
    Optional<LoadAverage> load;
    try (LoadSampler sampler = LoadSampler.start(LOAD_SAMPLE_INTERVAL)) {
      for (BenchRun run : runs) {
        outcomes.put(run.name(), run.run(options.settings(), out));
      }
      load = sampler.finish();
    }
    Environment environment =
        Environment.here(
            started,
            Duration.ofNanos(System.nanoTime() - startNanos),
            options.revision(),
            options.smoke(),
            options.settings(),
            load);
    return new BenchReport(environment, outcomes);
  }

  /** Writes both files, each replaced atomically so that a reader never sees half of one. */
  static void write(BenchReport report, Path dir) throws BenchException {
    try {
      Files.createDirectories(dir);
      replace(dir.resolve(MARKDOWN), MarkdownReport.render(report));
      replace(dir.resolve(JSON), JsonReport.render(report));
    } catch (IOException e) {
      throw new BenchException(
          BenchException.Reason.WRITE_FAILED, "cannot write results to " + dir + ": " + e, e);
    }
  }

  private static void replace(Path target, String content) throws IOException {
    Path temp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
    try {
      Files.writeString(temp, content, StandardCharsets.UTF_8);
      try {
        Files.move(
            temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
