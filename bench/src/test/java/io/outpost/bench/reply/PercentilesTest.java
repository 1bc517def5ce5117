package io.outpost.bench.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PercentilesTest {

  @Test
  void of_hundredSamples_givesTheNearestRank() {
    List<Double> samples = new ArrayList<>();
    for (int i = 100; i >= 1; i--) {
      samples.add((double) i);
    }

    assertThat(Percentiles.of(samples, 50)).isEqualTo(50.0);
    assertThat(Percentiles.of(samples, 99)).isEqualTo(99.0);
    assertThat(Percentiles.of(samples, 100)).isEqualTo(100.0);
  }

  @Test
  void of_fewSamples_p99IsTheLargest() {
    assertThat(Percentiles.of(List.of(3.0, 1.0, 2.0), 99)).isEqualTo(3.0);
  }

  @Test
  void of_noSamples_throws() {
    assertThatThrownBy(() -> Percentiles.of(List.of(), 50))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
