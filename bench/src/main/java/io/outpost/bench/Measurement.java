package io.outpost.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Repeated samples of one figure from one run: what was measured ({@code label}), on how many
 * threads, in which unit, and every sample grouped by round (a round is one fresh JVM; its samples
 * are its measurement iterations). {@code bytesPerOp} is the payload size for throughput figures
 * that also read as MB/s, else 0.
 *
 * <p>{@code cpuRounds}, where a run records them, are the same samples per CPU-second of the
 * measuring process instead of per second of wall time: on a shared machine, whatever else runs
 * takes wall time from a benchmark but hardly changes the CPU time each operation costs. Empty
 * where not recorded.
 */
public record Measurement(
    String id,
    String run,
    String name,
    String label,
    String unit,
    int threads,
    long bytesPerOp,
    List<List<Double>> rounds,
    List<List<Double>> cpuRounds) {

  private static final Pattern ID = Pattern.compile("[a-z][a-zA-Z0-9.-]*");

  public Measurement {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(unit, "unit");
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException("measurement id must match " + ID + ", was " + id);
    }
    if (run == null || run.isBlank() || name == null || name.isBlank()) {
      throw new IllegalArgumentException("run and name must not be blank");
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, was " + threads);
    }
    if (bytesPerOp < 0) {
      throw new IllegalArgumentException("bytesPerOp must not be negative");
    }
    rounds = rounds.stream().map(List::copyOf).toList();
    if (rounds.isEmpty()) {
      throw new IllegalArgumentException(id + " has no rounds");
    }
    cpuRounds = cpuRounds.stream().map(List::copyOf).toList();
    if (!cpuRounds.isEmpty() && cpuRounds.size() != rounds.size()) {
      throw new IllegalArgumentException(id + " has CPU samples for some rounds only");
    }
    // Refuses empty rounds and non-finite samples here, not when reporting.
    rounds.forEach(Stats::of);
    cpuRounds.forEach(Stats::of);
  }

  /** The id of the figure {@code name} of run {@code run} on {@code threads} threads. */
  public static String idOf(String run, String name, int threads) {
    return run + "." + name + ".t" + threads;
  }

  /** Every sample of every round. */
  public List<Double> samples() {
    List<Double> all = new ArrayList<>();
    rounds.forEach(all::addAll);
    return all;
  }

  public Stats stats() {
    return Stats.of(samples());
  }

  /** Whether CPU-time samples were recorded. */
  public boolean hasCpu() {
    return !cpuRounds.isEmpty();
  }

  /** Every CPU-time sample of every round; empty if none were recorded. */
  public List<Double> cpuSamples() {
    List<Double> all = new ArrayList<>();
    cpuRounds.forEach(all::addAll);
    return all;
  }
}
