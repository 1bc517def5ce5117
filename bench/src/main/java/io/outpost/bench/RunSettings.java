package io.outpost.bench;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How hard to measure. A run repeats in {@code rounds}; each round measures every figure once, on
 * each thread count, in a fresh JVM ({@code forked}) or in the harness's own. Rounds interleave
 * figures with their baselines in time, so that a busy spell of a shared machine weighs on both.
 * Within a round, each figure has its warm-up and measurement iterations; {@code only} filters
 * figures by name.
 */
public record RunSettings(
    int rounds,
    boolean forked,
    int warmupIterations,
    int measurementIterations,
    Duration iterationTime,
    List<Integer> threads,
    Pattern only) {

  /** The full run: about ten minutes of crypto on two cores. */
  public static RunSettings full() {
    return new RunSettings(3, true, 2, 3, Duration.ofSeconds(1), List.of(1, 2), null);
  }

  /** Enough to prove the harness works, in seconds; its figures mean nothing. */
  public static RunSettings smoke() {
    return new RunSettings(1, false, 0, 2, Duration.ofMillis(50), List.of(1, 2), null);
  }

  public RunSettings {
    Objects.requireNonNull(iterationTime, "iterationTime");
    if (rounds < 1) {
      throw new IllegalArgumentException("at least one round is needed");
    }
    if (warmupIterations < 0) {
      throw new IllegalArgumentException("warm-up iterations must not be negative");
    }
    if (measurementIterations < 1) {
      throw new IllegalArgumentException("at least one measurement iteration is needed");
    }
    if (iterationTime.toMillis() < 1) {
      throw new IllegalArgumentException("an iteration must last at least 1 ms");
    }
    threads = List.copyOf(threads);
    if (threads.isEmpty() || threads.stream().anyMatch(t -> t < 1)) {
      throw new IllegalArgumentException("thread counts must be positive, were " + threads);
    }
  }

  /** Whether the figure of this name is to be measured. */
  public boolean includes(String name) {
    return only == null || only.matcher(name).find();
  }

  /** Samples per figure. */
  public int samplesPerFigure() {
    return rounds * measurementIterations;
  }

  /** Equal settings have equal filters (a {@link Pattern} has no equality of its own). */
  @Override
  public boolean equals(Object other) {
    return other instanceof RunSettings that
        && rounds == that.rounds
        && forked == that.forked
        && warmupIterations == that.warmupIterations
        && measurementIterations == that.measurementIterations
        && iterationTime.equals(that.iterationTime)
        && threads.equals(that.threads)
        && Objects.equals(pattern(only), pattern(that.only));
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        rounds,
        forked,
        warmupIterations,
        measurementIterations,
        iterationTime,
        threads,
        pattern(only));
  }

  private static String pattern(Pattern p) {
    return p == null ? null : p.pattern() + "/" + p.flags();
  }
}
