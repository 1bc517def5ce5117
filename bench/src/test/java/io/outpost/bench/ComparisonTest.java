package io.outpost.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ComparisonTest {

  @Test
  void ratio_oneRound_isMedianOverMedian_withOppositeQuartilesAsRange() {
    Measurement figure = measurement("open", List.of(List.of(80.0, 90.0, 100.0)));
    Measurement baseline = measurement("unwrap", List.of(List.of(100.0, 110.0, 120.0)));

    Comparison.Ratio ratio = Comparison.ratio(figure, baseline);

    assertThat(ratio.value()).isCloseTo(90.0 / 110.0, within(1e-12));
    assertThat(ratio.low()).isCloseTo(85.0 / 115.0, within(1e-12));
    assertThat(ratio.high()).isCloseTo(95.0 / 105.0, within(1e-12));
    assertThat(ratio.perRound()).isFalse();
  }

  @Test
  void ratio_pairedRounds_isMedianRoundRatio_rangeIsLowestToHighest() {
    // The machine was twice as busy in round 2: both sides halved, their ratio held.
    Measurement figure = measurement("open", List.of(List.of(90.0, 90.0), List.of(45.0, 45.0)));
    Measurement baseline =
        measurement("unwrap", List.of(List.of(100.0, 100.0), List.of(48.0, 52.0)));

    Comparison.Ratio ratio = Comparison.ratio(figure, baseline);

    assertThat(ratio.perRound()).isTrue();
    assertThat(ratio.value()).isCloseTo(0.9, within(1e-12));
    assertThat(ratio.low()).isCloseTo(0.9, within(1e-12));
    assertThat(ratio.high()).isCloseTo(0.9, within(1e-12));
  }

  @Test
  void ratio_threeRounds_rangeSpansTheRoundRatios() {
    Measurement figure = measurement("open", List.of(List.of(80.0), List.of(90.0), List.of(100.0)));
    Measurement baseline =
        measurement("unwrap", List.of(List.of(100.0), List.of(100.0), List.of(100.0)));

    Comparison.Ratio ratio = Comparison.ratio(figure, baseline);

    assertThat(ratio.value()).isCloseTo(0.9, within(1e-12));
    assertThat(ratio.low()).isCloseTo(0.8, within(1e-12));
    assertThat(ratio.high()).isCloseTo(1.0, within(1e-12));
  }

  @Test
  void cpuRatio_bothSidesTimed_comparesCpuSamples() {
    Measurement figure =
        new Measurement(
            "crypto.open.t1",
            "crypto",
            "open",
            "open",
            "ops/s",
            1,
            0,
            List.of(List.of(50.0)),
            List.of(List.of(280.0)));
    Measurement baseline =
        new Measurement(
            "crypto.unwrap.t1",
            "crypto",
            "unwrap",
            "unwrap",
            "ops/s",
            1,
            0,
            List.of(List.of(200.0)),
            List.of(List.of(350.0)));

    assertThat(Comparison.ratio(figure, baseline).value()).isCloseTo(0.25, within(1e-12));
    assertThat(Comparison.cpuRatio(figure, baseline).orElseThrow().value())
        .isCloseTo(0.8, within(1e-12));
  }

  @Test
  void cpuRatio_oneSideUntimed_isEmpty() {
    Measurement figure = measurement("open", List.of(List.of(50.0)));
    Measurement baseline =
        new Measurement(
            "crypto.unwrap.t1",
            "crypto",
            "unwrap",
            "unwrap",
            "ops/s",
            1,
            0,
            List.of(List.of(200.0)),
            List.of(List.of(350.0)));

    assertThat(Comparison.cpuRatio(figure, baseline)).isEmpty();
  }

  @Test
  void ratio_zeroBaseline_throws() {
    Measurement figure = measurement("open", List.of(List.of(1.0)));
    Measurement baseline = measurement("unwrap", List.of(List.of(0.0)));

    assertThatThrownBy(() -> Comparison.ratio(figure, baseline))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void new_figureIsItsOwnBaseline_throws() {
    assertThatThrownBy(() -> new Comparison("crypto.a.t1", "crypto.a.t1", "x"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void runOutcome_comparisonOfUnmeasuredFigure_throws() {
    Measurement a = measurement("a", List.of(List.of(1.0)));

    assertThatThrownBy(
            () ->
                new RunOutcome(
                    List.of(a),
                    List.of(new Comparison("crypto.a.t1", "crypto.b.t1", "x")),
                    java.util.Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("crypto.b.t1");
  }

  private static Measurement measurement(String name, List<List<Double>> rounds) {
    return new Measurement(
        Measurement.idOf("crypto", name, 1),
        "crypto",
        name,
        name,
        "ops/s",
        1,
        0,
        rounds,
        List.of());
  }
}
