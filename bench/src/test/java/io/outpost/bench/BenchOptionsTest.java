package io.outpost.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outpost.bench.ingest.IngestRun;
import io.outpost.bench.reply.EndToEndRun;
import io.outpost.bench.reply.LatencyRun;
import io.outpost.bench.reply.MenuRun;
import io.outpost.bench.start.StartRun;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

  @Test
  void parse_outOnly_givesTheFullRun() throws Exception {
    BenchOptions options = BenchOptions.parse("--out", "results");

    assertThat(options.out()).isEqualTo(Path.of("results"));
    assertThat(options.smoke()).isFalse();
    assertThat(options.settings()).isEqualTo(RunSettings.full());
    assertThat(options.ingest()).isEqualTo(IngestRun.Scale.FULL);
    assertThat(options.latency()).isEqualTo(LatencyRun.Scale.FULL);
    assertThat(options.menu()).isEqualTo(MenuRun.Scale.FULL);
    assertThat(options.start()).isEqualTo(StartRun.Scale.FULL);
    assertThat(options.e2e()).isEqualTo(EndToEndRun.Scale.FULL);
  }

  @Test
  void parse_smoke_runsInThisJvmQuietly() throws Exception {
    BenchOptions options = BenchOptions.parse("--smoke", "--out", "x");

    assertThat(options.settings().forked()).isFalse();
    assertThat(options.settings().rounds()).isEqualTo(1);
    assertThat(options.settings().warmupIterations()).isZero();
    assertThat(options.quiet()).isTrue();
    assertThat(options.latency()).isEqualTo(LatencyRun.Scale.SMOKE);
    assertThat(options.menu()).isEqualTo(MenuRun.Scale.SMOKE);
    assertThat(options.start()).isEqualTo(StartRun.Scale.SMOKE);
    assertThat(options.e2e()).isEqualTo(EndToEndRun.Scale.SMOKE);
  }

  @Test
  void parse_runs_listsTheNewRuns() throws Exception {
    BenchOptions options = BenchOptions.parse("--out", "x", "--runs", "latency,menu,start,e2e");

    assertThat(options.runs()).containsExactly("latency", "menu", "start", "e2e");
    assertThat(BenchCli.available(options).stream().map(BenchRun::name))
        .containsExactly("crypto", "ingest", "latency", "menu", "start", "e2e");
  }

  @Test
  void parse_overrides_replaceTheDefaults() throws Exception {
    BenchOptions options =
        BenchOptions.parse(
            "--out",
            "x",
            "--rounds",
            "4",
            "--in-process",
            "--warmup",
            "1",
            "--iterations",
            "5",
            "--iteration-ms",
            "250",
            "--threads",
            "1,2,4",
            "--only",
            "open",
            "--runs",
            "crypto",
            "--outlets",
            "7",
            "--days",
            "3,1",
            "--ingest-threads",
            "4,2");

    RunSettings s = options.settings();
    assertThat(s.rounds()).isEqualTo(4);
    assertThat(s.forked()).isFalse();
    assertThat(s.warmupIterations()).isEqualTo(1);
    assertThat(s.measurementIterations()).isEqualTo(5);
    assertThat(s.iterationTime()).isEqualTo(Duration.ofMillis(250));
    assertThat(s.threads()).containsExactly(1, 2, 4);
    assertThat(s.includes("openClosing")).isTrue();
    assertThat(s.includes("sealClosing")).isFalse();
    assertThat(options.runs()).isEqualTo(List.of("crypto"));
    assertThat(options.ingest().days()).containsExactly(1, 3);
    assertThat(options.ingest().closings()).isEqualTo(21);
    assertThat(options.ingest().threads()).containsExactly(2, 4);
  }

  @Test
  void parse_badValues_areUsageErrorsNamingTheOption() {
    String[][] bad = {
      {"--out", "x", "--rounds", "0"},
      {"--out", "x", "--iterations", "0"},
      {"--out", "x", "--threads", "1,zero"},
      {"--out", "x", "--only", "("},
      {"--out"},
      {"--out", "x", "--frobnicate"},
      {"--out", "x", "--outlets", "0"},
      {"--out", "x", "--days", "10,0"},
      {"--out", "x", "--ingest-threads", "two"},
    };
    for (String[] args : bad) {
      assertThatThrownBy(() -> BenchOptions.parse(args))
          .as(String.join(" ", args))
          .isInstanceOf(BenchOptions.UsageException.class);
    }
  }
}
