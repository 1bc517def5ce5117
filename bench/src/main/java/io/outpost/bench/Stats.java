package io.outpost.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Median, quartiles and extremes of repeated samples of one figure. Quartiles interpolate linearly
 * between order statistics (the R-7 rule that spreadsheets use), so a handful of samples still
 * gives a usable interquartile range.
 */
public record Stats(int count, double median, double q1, double q3, double min, double max) {

  public Stats {
    if (count < 1) {
      throw new IllegalArgumentException("stats need at least one sample");
    }
    if (!(min <= q1 && q1 <= median && median <= q3 && q3 <= max)) {
      throw new IllegalArgumentException("stats must be ordered min <= q1 <= median <= q3 <= max");
    }
  }

  /** The statistics of these samples, each a finite number. */
  public static Stats of(List<Double> samples) {
    if (samples.isEmpty()) {
      throw new IllegalArgumentException("no samples");
    }
    List<Double> sorted = new ArrayList<>(samples);
    for (double sample : sorted) {
      if (!Double.isFinite(sample)) {
        throw new IllegalArgumentException("sample " + sample + " is not a finite number");
      }
    }
    Collections.sort(sorted);
    return new Stats(
        sorted.size(),
        quantile(sorted, 0.5),
        quantile(sorted, 0.25),
        quantile(sorted, 0.75),
        sorted.get(0),
        sorted.get(sorted.size() - 1));
  }

  /** The interquartile range relative to the median: 0.05 means the middle half spans ±2.5 %. */
  public double relativeSpread() {
    return median == 0 ? 0 : (q3 - q1) / median;
  }

  private static double quantile(List<Double> sorted, double p) {
    double position = p * (sorted.size() - 1);
    int below = (int) Math.floor(position);
    int above = (int) Math.ceil(position);
    double fraction = position - below;
    return sorted.get(below) + fraction * (sorted.get(above) - sorted.get(below));
  }
}
