package io.outpost.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Everything one invocation measured, ready to be written as Markdown and JSON. */
public record BenchReport(Environment environment, Map<String, RunOutcome> runs) {

  /** The report's JSON schema name. */
  public static final String SCHEMA = "outpost.bench/1";

  public BenchReport {
    Objects.requireNonNull(environment, "environment");
    runs = Collections.unmodifiableMap(new LinkedHashMap<>(runs));
  }

  public List<Measurement> measurements() {
    List<Measurement> all = new ArrayList<>();
    runs.values().forEach(r -> all.addAll(r.measurements()));
    return all;
  }

  public List<Comparison> comparisons() {
    List<Comparison> all = new ArrayList<>();
    runs.values().forEach(r -> all.addAll(r.comparisons()));
    return all;
  }

  public Optional<Measurement> measurement(String id) {
    return measurements().stream().filter(m -> m.id().equals(id)).findFirst();
  }

  /**
   * A comparison with both sides resolved and its ratios computed: by wall time, and by CPU time
   * where both sides have it and run on the same number of threads (a scaling row's CPU ratio would
   * mean something else).
   */
  public record Row(
      Comparison comparison,
      Measurement figure,
      Measurement baseline,
      Comparison.Ratio ratio,
      Optional<Comparison.Ratio> cpuRatio) {}

  /** Every comparison, resolved, in the order the runs gave them. */
  public List<Row> rows() {
    List<Row> rows = new ArrayList<>();
    for (Comparison c : comparisons()) {
      Measurement figure = measurement(c.figureId()).orElseThrow();
      Measurement baseline = measurement(c.baselineId()).orElseThrow();
      Optional<Comparison.Ratio> cpu =
          figure.threads() == baseline.threads()
              ? Comparison.cpuRatio(figure, baseline)
              : Optional.empty();
      rows.add(new Row(c, figure, baseline, Comparison.ratio(figure, baseline), cpu));
    }
    return rows;
  }
}
