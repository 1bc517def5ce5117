package io.outpost.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MarkdownReportTest {

  @Test
  void render_comparison_printsBothMediansAndTheirRatio() {
    Measurement open = measurement("open", 270.0, 280.0, 290.0);
    Measurement unwrap = measurement("unwrap", 330.0, 340.0, 350.0);
    BenchReport report =
        new BenchReport(
            environment(),
            Map.of(
                "crypto",
                new RunOutcome(
                    List.of(open, unwrap),
                    List.of(new Comparison(open.id(), unwrap.id(), "fraction of the ceiling")),
                    Map.of("keys", "RSA-3072"))));

    String markdown = MarkdownReport.render(report);

    assertThat(markdown)
        .contains(
            "| 1 | `open` | 280 (275–285) | `unwrap` | 340 (335–345) | **0.82** (0.80–0.85) | – |")
        .contains("fraction of the ceiling")
        .contains("- crypto keys: RSA-3072")
        .contains("median 1.50, range 1.00–2.00 over 3 samples")
        .contains(
            "3 rounds, a fresh JVM per figure and round; per figure and round 3 measured"
                + " iterations of 1000 ms after 2 warm-up iterations")
        .contains("threads 1 and 2")
        .doesNotContain("Smoke run");
  }

  @Test
  void number_precisionFollowsMagnitude() {
    assertThat(MarkdownReport.number(13949.4)).isEqualTo("13,949");
    assertThat(MarkdownReport.number(346.6)).isEqualTo("347");
    assertThat(MarkdownReport.number(49.44)).isEqualTo("49.4");
    assertThat(MarkdownReport.number(0.856)).isEqualTo("0.86");
    assertThat(MarkdownReport.ratio(54.86)).isEqualTo("54.9");
    assertThat(MarkdownReport.ratio(0.8549)).isEqualTo("0.85");
    assertThat(MarkdownReport.ratio(0.01234)).isEqualTo("0.012");
    assertThat(MarkdownReport.ratio(0.002549)).isEqualTo("0.0025");
  }

  private static Measurement measurement(String name, double... samples) {
    return new Measurement(
        Measurement.idOf("crypto", name, 1),
        "crypto",
        name,
        name + " label",
        "ops/s",
        1,
        0,
        List.of(java.util.Arrays.stream(samples).boxed().toList()),
        List.of());
  }

  private static Environment environment() {
    return new Environment(
        Instant.parse("2026-11-26T12:00:00Z"),
        Duration.ofSeconds(600),
        "OpenJDK 17",
        "Linux amd64",
        2,
        "a CPU",
        "abc1234",
        false,
        RunSettings.full(),
        Optional.of(new LoadAverage(1.0, 3, 1.5, 1.0, 2.0, 2.0, 1.8, 1.2)));
  }
}
