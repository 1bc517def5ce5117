package io.outpost.bench;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Renders a report as Markdown: the header, each figure beside its baseline, then every figure. */
final class MarkdownReport {

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private MarkdownReport() {}

  static String render(BenchReport report) {
    Environment env = report.environment();
    StringBuilder md = new StringBuilder();
    md.append("# Outpost benchmarks: latest run\n\n");
    if (env.smoke()) {
      md.append(
          "**Smoke run**: a few milliseconds per figure, to check that the harness works."
              + " These numbers mean nothing.\n\n");
    }
    md.append("- when: ")
        .append(WHEN.format(env.startedAt()))
        .append(", ")
        .append(env.wallTime().toSeconds())
        .append(" s of wall time; revision ")
        .append(env.revision())
        .append('\n');
    md.append("- machine: ")
        .append(env.cpuModel())
        .append(", ")
        .append(env.cpus())
        .append(" CPUs; ")
        .append(env.os())
        .append("; ")
        .append(env.java())
        .append('\n');
    md.append("- load average (1 min): ").append(load(env)).append('\n');
    RunSettings s = env.settings();
    md.append("- repetition: ")
        .append(plural(s.rounds(), "round"))
        .append(s.forked() ? ", a fresh JVM per figure and round" : " in the harness's JVM")
        .append("; per figure and round ")
        .append(plural(s.measurementIterations(), "measured iteration"))
        .append(" of ")
        .append(s.iterationTime().toMillis())
        .append(" ms after ")
        .append(plural(s.warmupIterations(), "warm-up iteration"))
        .append("; threads ")
        .append(s.threads().stream().map(String::valueOf).collect(Collectors.joining(" and ")))
        .append("; each median below is over ")
        .append(plural(s.samplesPerFigure(), "sample"))
        .append('\n');
    for (Map.Entry<String, RunOutcome> run : report.runs().entrySet()) {
      for (Map.Entry<String, String> note : run.getValue().notes().entrySet()) {
        md.append("- ")
            .append(run.getKey())
            .append(' ')
            .append(note.getKey())
            .append(": ")
            .append(note.getValue())
            .append('\n');
      }
    }
    md.append(
        "\n## Each figure beside its baseline\n\n"
            + "Medians per second of wall time over all samples, with the interquartile range in"
            + " brackets. The ratio is figure ÷ baseline within each round (both measured minutes"
            + " apart at most), the median over rounds, with the lowest and highest round in"
            + " brackets; with a single round it is the ratio of the medians, bracketed by opposite"
            + " quartiles. The CPU ratio is the same computed per CPU-second of the threads doing"
            + " the work (JMH's worker threads; for ingest and e2e, the whole JVM holding HQ and"
            + " the broker, and for e2e the outlets): what else runs on the machine takes wall"
            + " time from a benchmark but hardly changes the CPU time an operation costs, so on a"
            + " busy machine it is the steadier of the two.\n\n");
    if (report.rows().isEmpty()) {
      md.append("No figure was measured together with its baseline in this run.\n\n");
    }
    md.append(
        "| threads | figure | median (IQR) | baseline | median (IQR) | ratio (range) | CPU ratio"
            + " (range) | reading |\n");
    md.append("|---:|---|---:|---|---:|---:|---:|---|\n");
    for (BenchReport.Row row : report.rows()) {
      md.append("| ")
          .append(threads(row))
          .append(" | `")
          .append(row.figure().name())
          .append("` | ")
          .append(withIqr(row.figure().stats()))
          .append(" | `")
          .append(row.baseline().name())
          .append("` | ")
          .append(withIqr(row.baseline().stats()))
          .append(" | ")
          .append(ratioWithRange(row.ratio(), true))
          .append(" | ")
          .append(row.cpuRatio().map(r -> ratioWithRange(r, false)).orElse("–"))
          .append(" | ")
          .append(row.comparison().reading())
          .append(" |\n");
    }
    md.append("\n## Every figure\n\n");
    md.append(
        "| figure | threads | median | IQR | min–max | IQR/median | n | unit | per CPU-second,"
            + " median (IQR) | what |\n");
    md.append("|---|---:|---:|---:|---:|---:|---:|---|---:|---|\n");
    for (Measurement m : report.measurements()) {
      Stats st = m.stats();
      md.append("| `")
          .append(m.name())
          .append("` | ")
          .append(m.threads())
          .append(" | ")
          .append(number(st.median()))
          .append(" | ")
          .append(number(st.q1()))
          .append("–")
          .append(number(st.q3()))
          .append(" | ")
          .append(number(st.min()))
          .append("–")
          .append(number(st.max()))
          .append(" | ")
          .append(String.format(Locale.ROOT, "%.1f %%", 100 * st.relativeSpread()))
          .append(" | ")
          .append(st.count())
          .append(" | ")
          .append(m.unit())
          .append(" | ")
          .append(m.hasCpu() ? withIqr(Stats.of(m.cpuSamples())) : "–")
          .append(" | ")
          .append(m.label())
          .append(megabytes(m))
          .append(" |\n");
    }
    return md.toString();
  }

  private static String threads(BenchReport.Row row) {
    int figure = row.figure().threads();
    int baseline = row.baseline().threads();
    return figure == baseline ? Integer.toString(figure) : figure + " vs " + baseline;
  }

  private static String load(Environment env) {
    return env.load()
        .map(
            l ->
                String.format(
                    Locale.ROOT,
                    "median %.2f, range %.2f–%.2f over %d samples (before %.2f, after %.2f;"
                        + " 5 and 15 min after: %.2f, %.2f)",
                    l.median(),
                    l.min(),
                    l.max(),
                    l.samples(),
                    l.before(),
                    l.after(),
                    l.fiveMinutesAfter(),
                    l.fifteenMinutesAfter()))
        .orElse("not reported by this platform");
  }

  private static String megabytes(Measurement m) {
    if (m.bytesPerOp() == 0) {
      return "";
    }
    return String.format(
        Locale.ROOT, " (median %s MB/s)", number(m.stats().median() * m.bytesPerOp() / 1e6));
  }

  private static String withIqr(Stats st) {
    return number(st.median()) + " (" + number(st.q1()) + "–" + number(st.q3()) + ")";
  }

  /** Ops per second, with precision that suits their size. */
  static String number(double value) {
    double magnitude = Math.abs(value);
    if (magnitude >= 100) {
      return String.format(Locale.ROOT, "%,.0f", value);
    }
    if (magnitude >= 10) {
      return String.format(Locale.ROOT, "%.1f", value);
    }
    return String.format(Locale.ROOT, "%.2f", value);
  }

  private static String plural(int count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }

  private static String ratioWithRange(Comparison.Ratio r, boolean bold) {
    String value = ratio(r.value());
    return (bold ? "**" + value + "**" : value)
        + " ("
        + ratio(r.low())
        + "–"
        + ratio(r.high())
        + ")";
  }

  /** Two decimals, or two significant digits below 0.1 (a 1 % share must not print as 0.00). */
  static String ratio(double value) {
    double magnitude = Math.abs(value);
    if (magnitude >= 10) {
      return String.format(Locale.ROOT, "%.1f", value);
    }
    if (magnitude >= 0.1 || magnitude == 0) {
      return String.format(Locale.ROOT, "%.2f", value);
    }
    return new BigDecimal(value).round(new MathContext(2)).toPlainString();
  }
}
