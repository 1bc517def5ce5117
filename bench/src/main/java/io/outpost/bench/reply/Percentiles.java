package io.outpost.bench.reply;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Nearest-rank percentiles: the value below which {@code p} percent of the samples lie. */
final class Percentiles {

  private Percentiles() {}

  static double of(List<Double> samples, double p) {
    if (samples.isEmpty() || !(p > 0 && p <= 100)) {
      throw new IllegalArgumentException("need samples and 0 < p <= 100");
    }
    List<Double> sorted = new ArrayList<>(samples);
    Collections.sort(sorted);
    int rank = (int) Math.ceil(p / 100 * sorted.size());
    return sorted.get(rank - 1);
  }
}
