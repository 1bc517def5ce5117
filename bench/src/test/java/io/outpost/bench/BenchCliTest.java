package io.outpost.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outpost.bench.crypto.CryptoBenchmark;
import io.outpost.bench.start.StartRun;
import io.outpost.broker.BrokerConfig;
import io.outpost.hq.HqConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness end to end, in smoke mode: every crypto benchmark runs briefly in this JVM, HQ drains
 * a small backlog through the in-JVM broker into H2 (and PostgreSQL where it answers), answers a
 * few closings one at a time and a small burst of menu requests, the outlet's tool starts twice as
 * a process (where its jar is built), a few outlets seal and send while HQ ingests and answers,
 * and both result files come out complete and well-formed. No figure is judged: speed is not a
 * test.
 */
class BenchCliTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void run_smoke_writesWellFormedMarkdownAndJson(@TempDir Path dir) throws Exception {
    int exit = run("--smoke", "--out", dir.toString(), "--revision", "test-rev");

    assertThat(exit).as("exit code; stderr: %s", text(err)).isZero();
    JsonNode json = new ObjectMapper().readTree(dir.resolve("latest.json").toFile());
    String markdown = Files.readString(dir.resolve("latest.md"));
    List<String> problems = new ArrayList<>();

    if (!BenchReport.SCHEMA.equals(json.path("schema").asText())) {
      problems.add("schema is " + json.path("schema"));
    }
    JsonNode env = json.path("environment");
    if (!env.path("smoke").asBoolean() || !"test-rev".equals(env.path("revision").asText())) {
      problems.add("environment does not say smoke run of test-rev: " + env);
    }
    Set<String> ids = new HashSet<>();
    for (JsonNode m : json.path("measurements")) {
      String id = m.path("id").asText();
      ids.add(id);
      if (m.path("samples").isEmpty() || m.path("rounds").size() != 1) {
        problems.add(id + " has no samples, or not one round: " + m);
      }
      if (!(m.path("median").asDouble() > 0)
          || !(m.path("min").asDouble() <= m.path("median").asDouble())
          || !(m.path("median").asDouble() <= m.path("max").asDouble())) {
        problems.add(id + " has disordered or empty statistics: " + m);
      }
      if (!markdown.contains(
          "| `" + m.path("name").asText() + "` | " + m.path("threads").asInt())) {
        problems.add(id + " has no row in latest.md");
      }
    }
    for (CryptoBenchmark b : CryptoBenchmark.values()) {
      for (int threads : List.of(1, 2)) {
        if (!ids.contains(Measurement.idOf("crypto", b.method(), threads))) {
          problems.add("no measurement of " + b.method() + " on " + threads + " thread(s)");
        }
      }
    }
    for (String id :
        List.of(
            "ingest.h2-20.t2",
            "ingest.rsaOaepUnwrap-h2-20.t2",
            "ingest.h2-10.t2",
            "ingest.plain-h2-10.t2",
            "ingest.heap-h2-20.t2",
            "ingest.resident-h2-20.t2",
            "latency.closeToReceipt-p50.t1",
            "latency.closeToReceipt-p99.t1",
            "latency.brokerRoundTrip-p50.t1",
            "latency.brokerRoundTrip-p99.t1",
            "menu.answers.t1",
            "menu.plainAnswers.t1",
            "menu.wait-p99.t1",
            "menu.plainWait-p99.t1",
            Measurement.idOf("e2e", "closings", HqConfig.defaultIngestThreads()),
            Measurement.idOf("e2e", "plainClosings", HqConfig.defaultIngestThreads()))) {
      if (!ids.contains(id)) {
        problems.add("no measurement " + id);
      }
    }
    if (!markdown.contains("- e2e CPU: ") || !markdown.contains("ms of this JVM's CPU time")) {
      problems.add("latest.md does not give the end-to-end run's CPU time per closing");
    }
    // The start run needs the outlet's jar, which a build of the bench module alone may lack.
    if (Files.isRegularFile(root().resolve(StartRun.OUTLET_JAR))) {
      for (String id : List.of("start.close.t1", "start.jvmStart.t1", "start.keyLoad.t1")) {
        if (!ids.contains(id)) {
          problems.add("no measurement " + id);
        }
      }
    } else if (!markdown.contains(StartRun.OUTLET_JAR + " is missing")) {
      problems.add("latest.md does not say why the start run was skipped");
    }
    if (json.path("comparisons").size() < 10) {
      problems.add("only " + json.path("comparisons").size() + " comparisons");
    }
    for (JsonNode c : json.path("comparisons")) {
      if (!ids.contains(c.path("figure").asText()) || !ids.contains(c.path("baseline").asText())) {
        problems.add("comparison names an unmeasured figure: " + c);
      }
      double ratio = c.path("ratio").asDouble();
      if (!(ratio > 0)
          || !(c.path("ratioLow").asDouble() <= ratio)
          || !(ratio <= c.path("ratioHigh").asDouble())) {
        problems.add("comparison ratio out of its range: " + c);
      }
      if (!markdown.contains(c.path("reading").asText())) {
        problems.add("latest.md lacks the comparison " + c.path("reading").asText());
      }
    }
    if (!markdown.startsWith("# Outpost benchmarks") || !markdown.contains("**Smoke run**")) {
      problems.add("latest.md does not open with the title and the smoke warning");
    }
    if (!markdown.contains("load average (1 min): ")) {
      problems.add("latest.md does not give the load average");
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void run_withoutOut_exitsWithUsage() {
    int exit = run("--smoke");

    assertThat(exit).isEqualTo(2);
    assertThat(text(err)).contains("--out DIR is required").contains("Usage: bench");
  }

  @Test
  void run_unknownRun_exitsWithUsage(@TempDir Path dir) {
    int exit = run("--out", dir.toString(), "--runs", "nope");

    assertThat(exit).isEqualTo(2);
    assertThat(text(err))
        .contains("unknown run 'nope'")
        .contains("crypto")
        .contains("ingest")
        .contains("latency")
        .contains("menu")
        .contains("start")
        .contains("e2e");
  }

  @Test
  void run_help_printsUsage() {
    int exit = run("--help");

    assertThat(exit).isZero();
    assertThat(text(out)).startsWith("Usage: bench");
  }

  @Test
  void run_smokeOfTheNewRunsAlone_writesOnlyTheirFigures(@TempDir Path dir) throws Exception {
    int exit = run("--smoke", "--out", dir.toString(), "--runs", "latency,menu,e2e");

    assertThat(exit).as("exit code; stderr: %s", text(err)).isZero();
    JsonNode json = new ObjectMapper().readTree(dir.resolve("latest.json").toFile());
    List<String> runs = new ArrayList<>();
    json.path("measurements").forEach(m -> runs.add(m.path("run").asText()));
    assertThat(runs)
        .contains("latency", "menu", "e2e")
        .allMatch(r -> r.equals("latency") || r.equals("menu") || r.equals("e2e"));
  }

  private static Path root() throws Exception {
    return BrokerConfig.locate().getParent();
  }

  private int run(String... args) {
    return BenchCli.run(
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        args);
  }

  private static String text(ByteArrayOutputStream stream) {
    return stream.toString(StandardCharsets.UTF_8);
  }
}
