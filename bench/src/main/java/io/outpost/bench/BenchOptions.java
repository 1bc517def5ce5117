package io.outpost.bench;

import io.outpost.bench.ingest.IngestRun;
import io.outpost.bench.reply.EndToEndRun;
import io.outpost.bench.reply.LatencyRun;
import io.outpost.bench.reply.MenuRun;
import io.outpost.bench.start.StartRun;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** The command line, parsed and checked in one place. */
record BenchOptions(
    Path out,
    boolean smoke,
    boolean quiet,
    String revision,
    List<String> runs,
    RunSettings settings,
    IngestRun.Scale ingest,
    LatencyRun.Scale latency,
    MenuRun.Scale menu,
    StartRun.Scale start,
    EndToEndRun.Scale e2e) {

  static final String USAGE =
      String.join(
          "\n",
          "Usage: bench --out DIR [options]",
          "Runs Outpost's benchmarks and writes DIR/latest.md and DIR/latest.json.",
          "",
          "  --out DIR           where to write the results (created if missing)",
          "  --smoke             a few milliseconds per figure, in this JVM: checks the harness",
          "  --rounds N          rounds, each measuring every figure once; default 3",
          "  --in-process        measure in this JVM instead of a fresh JVM per figure and round",
          "  --warmup N          warm-up iterations per figure and round; default 2",
          "  --iterations N      measured iterations per figure and round; default 3",
          "  --iteration-ms N    length of each iteration; default 1000",
          "  --threads LIST      thread counts, comma-separated; default 1,2",
          "  --only REGEX        only the figures whose name matches (e.g. 'open|Oaep')",
          "  --runs LIST         runs to do, comma-separated: crypto, ingest, latency, menu,"
              + " start,",
          "                      e2e; default all",
          "  --outlets N         outlets of the ingest backlog; default 100",
          "  --days LIST         closings per outlet in the ingest backlog; default 200; a list",
          "                      (e.g. 10,200) drains each size and compares them",
          "  --ingest-threads LIST",
          "                      HQ's ingest thread counts, each drained; default 1,2,4",
          "  --revision TEXT     the source revision to name in the report",
          "  --quiet             no per-iteration progress from JMH",
          "  -h, --help          this text",
          "",
          "Exit codes: 0 results written, 1 a benchmark or the writing failed, 2 usage.",
          "");

  BenchOptions {
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(revision, "revision");
    runs = List.copyOf(runs);
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(ingest, "ingest");
    Objects.requireNonNull(latency, "latency");
    Objects.requireNonNull(menu, "menu");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(e2e, "e2e");
  }

  /** Thrown for a command line that cannot be run; the message says what is wrong. */
  static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  /** Thrown for --help. */
  static final class HelpRequested extends Exception {
    private static final long serialVersionUID = 1L;
  }

  static BenchOptions parse(String... args) throws UsageException, HelpRequested {
    Path out = null;
    boolean smoke = false;
    boolean quiet = false;
    String revision = "unknown";
    List<String> runs = List.of();
    Integer rounds = null;
    boolean inProcess = false;
    Integer warmup = null;
    Integer iterations = null;
    Integer iterationMillis = null;
    List<Integer> threads = null;
    Pattern only = null;
    Integer outlets = null;
    List<Integer> days = null;
    List<Integer> ingestThreads = null;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "-h", "--help" -> throw new HelpRequested();
        case "--smoke" -> smoke = true;
        case "--quiet" -> quiet = true;
        case "--out" -> out = Path.of(value(args, ++i, arg));
        case "--revision" -> revision = value(args, ++i, arg);
        case "--runs" -> runs = List.of(value(args, ++i, arg).split(","));
        case "--rounds" -> rounds = count(args, ++i, arg, 1);
        case "--in-process" -> inProcess = true;
        case "--warmup" -> warmup = count(args, ++i, arg, 0);
        case "--iterations" -> iterations = count(args, ++i, arg, 1);
        case "--iteration-ms" -> iterationMillis = count(args, ++i, arg, 1);
        case "--threads" -> threads = positiveList(value(args, ++i, arg), arg);
        case "--only" -> only = pattern(value(args, ++i, arg));
        case "--outlets" -> outlets = count(args, ++i, arg, 1);
        case "--days" -> days = positiveList(value(args, ++i, arg), arg);
        case "--ingest-threads" -> ingestThreads = positiveList(value(args, ++i, arg), arg);
        default -> throw new UsageException("unknown option '" + arg + "'");
      }
    }
    if (out == null) {
      throw new UsageException("--out DIR is required");
    }
    RunSettings base = smoke ? RunSettings.smoke() : RunSettings.full();
    RunSettings settings =
        new RunSettings(
            rounds != null ? rounds : base.rounds(),
            base.forked() && !inProcess,
            warmup != null ? warmup : base.warmupIterations(),
            iterations != null ? iterations : base.measurementIterations(),
            iterationMillis != null ? Duration.ofMillis(iterationMillis) : base.iterationTime(),
            threads != null ? threads : base.threads(),
            only);
    IngestRun.Scale baseScale = smoke ? IngestRun.Scale.SMOKE : IngestRun.Scale.FULL;
    IngestRun.Scale ingest =
        new IngestRun.Scale(
            outlets != null ? outlets : baseScale.outlets(),
            days != null ? days : baseScale.days(),
            baseScale.keyBits(),
            ingestThreads != null ? ingestThreads : baseScale.threads());
    return new BenchOptions(
        out,
        smoke,
        quiet || smoke,
        revision,
        runs,
        settings,
        ingest,
        smoke ? LatencyRun.Scale.SMOKE : LatencyRun.Scale.FULL,
        smoke ? MenuRun.Scale.SMOKE : MenuRun.Scale.FULL,
        smoke ? StartRun.Scale.SMOKE : StartRun.Scale.FULL,
        smoke ? EndToEndRun.Scale.SMOKE : EndToEndRun.Scale.FULL);
  }

  private static String value(String[] args, int i, String option) throws UsageException {
    if (i >= args.length || args[i].startsWith("--")) {
      throw new UsageException(option + " needs a value");
    }
    return args[i];
  }

  private static int count(String[] args, int i, String option, int min) throws UsageException {
    String text = value(args, i, option);
    try {
      int n = Integer.parseInt(text);
      if (n < min) {
        throw new UsageException(option + " must be at least " + min + ", was " + n);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new UsageException(option + " needs a whole number, was '" + text + "'");
    }
  }

  private static List<Integer> positiveList(String text, String option) throws UsageException {
    List<Integer> numbers = new ArrayList<>();
    for (String part : text.split(",")) {
      try {
        int n = Integer.parseInt(part.trim());
        if (n < 1) {
          throw new NumberFormatException();
        }
        numbers.add(n);
      } catch (NumberFormatException e) {
        throw new UsageException(option + " needs positive whole numbers, was '" + text + "'");
      }
    }
    return numbers;
  }

  private static Pattern pattern(String text) throws UsageException {
    try {
      return Pattern.compile(text, Pattern.CASE_INSENSITIVE);
    } catch (PatternSyntaxException e) {
      throw new UsageException("--only needs a regular expression: " + e.getDescription());
    }
  }
}
