package io.outpost.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Samples the load average in the background while benchmarks run. */
final class LoadSampler implements AutoCloseable {

  private static final Path PROC_LOADAVG = Path.of("/proc/loadavg");

  private final ScheduledExecutorService timer;
  private final List<Double> samples = new ArrayList<>();
  private final double before;

  private LoadSampler(Duration interval) {
    before = read().map(l -> l[0]).orElse(Double.NaN);
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "load-sampler");
              thread.setDaemon(true);
              return thread;
            });
    long millis = interval.toMillis();
    timer.scheduleAtFixedRate(this::sample, millis, millis, TimeUnit.MILLISECONDS);
  }

  static LoadSampler start(Duration interval) {
    return new LoadSampler(interval);
  }

  /** Stops sampling; empty where the platform reports no load average. */
  Optional<LoadAverage> finish() {
    timer.shutdownNow();
    Optional<double[]> end = read();
    if (end.isEmpty() || Double.isNaN(before)) {
      return Optional.empty();
    }
    List<Double> during;
    synchronized (samples) {
      during = new ArrayList<>(samples);
    }
    during.add(before);
    during.add(end.get()[0]);
    Stats stats = Stats.of(during);
    return Optional.of(
        new LoadAverage(
            before,
            during.size(),
            stats.median(),
            stats.min(),
            stats.max(),
            end.get()[0],
            end.get()[1],
            end.get()[2]));
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }

  private void sample() {
    read()
        .ifPresent(
            l -> {
              synchronized (samples) {
                samples.add(l[0]);
              }
            });
  }

  /** The 1-, 5- and 15-minute load averages; the JVM knows only the first where /proc is absent. */
  private static Optional<double[]> read() {
    try {
      String[] fields = Files.readString(PROC_LOADAVG).trim().split("\\s+");
      return Optional.of(
          new double[] {
            Double.parseDouble(fields[0]),
            Double.parseDouble(fields[1]),
            Double.parseDouble(fields[2])
          });
    } catch (IOException | RuntimeException e) {
      double one = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
      return one < 0 ? Optional.empty() : Optional.of(new double[] {one, Double.NaN, Double.NaN});
    }
  }
}
