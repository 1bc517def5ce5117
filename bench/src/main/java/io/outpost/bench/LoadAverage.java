package io.outpost.bench;

/**
 * The machine's one-minute load average around a run: before it, sampled during it (median and
 * extremes), and after it, with the five- and fifteen-minute averages at the end. On a shared
 * two-core machine this says how much of the machine the figures had.
 */
public record LoadAverage(
    double before,
    int samples,
    double median,
    double min,
    double max,
    double after,
    double fiveMinutesAfter,
    double fifteenMinutesAfter) {

  public LoadAverage {
    if (samples < 1) {
      throw new IllegalArgumentException("at least one sample is needed");
    }
  }
}
