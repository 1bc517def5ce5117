package io.outpost.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {

  @Test
  void of_oddCount_medianIsTheMiddleSample() {
    Stats stats = Stats.of(List.of(5.0, 1.0, 3.0));

    assertThat(stats.median()).isEqualTo(3.0);
    assertThat(stats.min()).isEqualTo(1.0);
    assertThat(stats.max()).isEqualTo(5.0);
    assertThat(stats.count()).isEqualTo(3);
  }

  @Test
  void of_evenCount_medianAndQuartilesInterpolate() {
    Stats stats = Stats.of(List.of(40.0, 10.0, 30.0, 20.0));

    assertThat(stats.median()).isEqualTo(25.0);
    assertThat(stats.q1()).isCloseTo(17.5, within(1e-9));
    assertThat(stats.q3()).isCloseTo(32.5, within(1e-9));
    assertThat(stats.relativeSpread()).isCloseTo(0.6, within(1e-9));
  }

  @Test
  void of_oneSample_isItsOwnMedianAndSpreadIsZero() {
    Stats stats = Stats.of(List.of(7.0));

    assertThat(stats.median()).isEqualTo(7.0);
    assertThat(stats.q1()).isEqualTo(7.0);
    assertThat(stats.q3()).isEqualTo(7.0);
    assertThat(stats.relativeSpread()).isZero();
  }

  @Test
  void of_noSamples_throws() {
    assertThatThrownBy(() -> Stats.of(List.of())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void of_nonFiniteSample_throws() {
    assertThatThrownBy(() -> Stats.of(List.of(1.0, Double.NaN)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NaN");
  }

  @Test
  void new_disorderedValues_throws() {
    assertThatThrownBy(() -> new Stats(3, 1.0, 2.0, 3.0, 0.0, 4.0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
