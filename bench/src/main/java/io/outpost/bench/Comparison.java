package io.outpost.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A figure read against the baseline it is judged by, both measured in the same run: the ratio is
 * figure ÷ baseline (see {@link #ratio}), and {@code reading} says what that ratio means (for
 * example "fraction of the crypto ceiling").
 */
public record Comparison(String figureId, String baselineId, String reading) {

  public Comparison {
    Objects.requireNonNull(figureId, "figureId");
    Objects.requireNonNull(baselineId, "baselineId");
    Objects.requireNonNull(reading, "reading");
    if (figureId.equals(baselineId)) {
      throw new IllegalArgumentException("a figure cannot be its own baseline: " + figureId);
    }
  }

  /**
   * The ratio figure ÷ baseline, with a range. Where both sides were measured in the same rounds
   * (each round measures a figure and its baseline within a minute or two of each other), it is the
   * median of the per-round ratios of their medians, and the range runs from the lowest to the
   * highest per-round ratio: a busy spell of a shared machine slows both sides of a round and
   * cancels out. Otherwise it is the ratio of the overall medians, and the range is conservative:
   * the figure's lower quartile over the baseline's upper one, up to the figure's upper quartile
   * over the baseline's lower one.
   */
  public static Ratio ratio(Measurement figure, Measurement baseline) {
    return ratio(figure.rounds(), baseline.rounds(), baseline.id());
  }

  /** The same over the CPU-time samples, where both sides have them. */
  public static Optional<Ratio> cpuRatio(Measurement figure, Measurement baseline) {
    if (!figure.hasCpu() || !baseline.hasCpu()) {
      return Optional.empty();
    }
    return Optional.of(ratio(figure.cpuRounds(), baseline.cpuRounds(), baseline.id()));
  }

  private static Ratio ratio(
      List<List<Double>> figure, List<List<Double>> baseline, String baselineId) {
    Stats f = Stats.of(flatten(figure));
    Stats b = Stats.of(flatten(baseline));
    if (b.median() <= 0 || b.q1() <= 0) {
      throw new IllegalArgumentException("a baseline must be positive: " + baselineId);
    }
    if (figure.size() >= 2 && figure.size() == baseline.size()) {
      List<Double> perRound = new ArrayList<>();
      for (int i = 0; i < figure.size(); i++) {
        perRound.add(Stats.of(figure.get(i)).median() / Stats.of(baseline.get(i)).median());
      }
      Stats ratios = Stats.of(perRound);
      return new Ratio(ratios.median(), ratios.min(), ratios.max(), true);
    }
    return new Ratio(f.median() / b.median(), f.q1() / b.q3(), f.q3() / b.q1(), false);
  }

  private static List<Double> flatten(List<List<Double>> rounds) {
    List<Double> all = new ArrayList<>();
    rounds.forEach(all::addAll);
    return all;
  }

  /** A ratio with its range; {@code perRound} tells how both were found. */
  public record Ratio(double value, double low, double high, boolean perRound) {

    public Ratio {
      if (!(low <= value && value <= high)) {
        throw new IllegalArgumentException("ratio range must contain the ratio");
      }
    }
  }
}
