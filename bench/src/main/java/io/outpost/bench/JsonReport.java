package io.outpost.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a report as JSON ({@value BenchReport#SCHEMA}): the environment, every measurement with
 * its raw samples and statistics, and every comparison with its ratio.
 */
final class JsonReport {

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonReport() {}

  static String render(BenchReport report) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("schema", BenchReport.SCHEMA);
    root.put("environment", environment(report.environment()));
    Map<String, Object> notes = new LinkedHashMap<>();
    report.runs().forEach((name, run) -> notes.put(name, run.notes()));
    root.put("notes", notes);
    List<Object> measurements = new ArrayList<>();
    for (Measurement m : report.measurements()) {
      Stats st = m.stats();
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("id", m.id());
      entry.put("run", m.run());
      entry.put("name", m.name());
      entry.put("label", m.label());
      entry.put("unit", m.unit());
      entry.put("threads", m.threads());
      entry.put("bytesPerOp", m.bytesPerOp());
      entry.put("median", st.median());
      entry.put("q1", st.q1());
      entry.put("q3", st.q3());
      entry.put("min", st.min());
      entry.put("max", st.max());
      entry.put("samples", m.samples());
      entry.put("rounds", m.rounds());
      if (m.hasCpu()) {
        Stats cpu = Stats.of(m.cpuSamples());
        entry.put("cpuUnit", m.unit().replace("/s", "/cpu-s"));
        entry.put("cpuMedian", cpu.median());
        entry.put("cpuQ1", cpu.q1());
        entry.put("cpuQ3", cpu.q3());
        entry.put("cpuRounds", m.cpuRounds());
      }
      measurements.add(entry);
    }
    root.put("measurements", measurements);
    List<Object> comparisons = new ArrayList<>();
    for (BenchReport.Row row : report.rows()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("figure", row.figure().id());
      entry.put("baseline", row.baseline().id());
      entry.put("reading", row.comparison().reading());
      entry.put("ratio", row.ratio().value());
      entry.put("ratioLow", row.ratio().low());
      entry.put("ratioHigh", row.ratio().high());
      entry.put("rangeOverRounds", row.ratio().perRound());
      row.cpuRatio()
          .ifPresent(
              cpu -> {
                entry.put("cpuRatio", cpu.value());
                entry.put("cpuRatioLow", cpu.low());
                entry.put("cpuRatioHigh", cpu.high());
              });
      comparisons.add(entry);
    }
    root.put("comparisons", comparisons);
    try {
      return MAPPER.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a report of plain values could not be written as JSON", e);
    }
  }

  private static Map<String, Object> environment(Environment env) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("startedAt", env.startedAt().toString());
    map.put("wallSeconds", env.wallTime().toMillis() / 1000.0);
    map.put("smoke", env.smoke());
    map.put("revision", env.revision());
    map.put("java", env.java());
    map.put("os", env.os());
    map.put("cpus", env.cpus());
    map.put("cpuModel", env.cpuModel());
    RunSettings s = env.settings();
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("rounds", s.rounds());
    settings.put("forked", s.forked());
    settings.put("warmupIterations", s.warmupIterations());
    settings.put("measurementIterations", s.measurementIterations());
    settings.put("iterationMillis", s.iterationTime().toMillis());
    settings.put("threads", s.threads());
    settings.put("only", s.only() == null ? null : s.only().pattern());
    map.put("settings", settings);
    map.put(
        "loadAverage",
        env.load()
            .map(
                l -> {
                  Map<String, Object> load = new LinkedHashMap<>();
                  load.put("before", l.before());
                  load.put("samples", l.samples());
                  load.put("median", l.median());
                  load.put("min", l.min());
                  load.put("max", l.max());
                  load.put("after", l.after());
                  load.put("fiveMinutesAfter", finiteOrNull(l.fiveMinutesAfter()));
                  load.put("fifteenMinutesAfter", finiteOrNull(l.fifteenMinutesAfter()));
                  return (Object) load;
                })
            .orElse(null));
    return map;
  }

  private static Double finiteOrNull(double value) {
    return Double.isFinite(value) ? value : null;
  }
}
