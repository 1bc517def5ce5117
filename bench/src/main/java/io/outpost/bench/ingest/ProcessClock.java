package io.outpost.bench.ingest;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;

/** Wall time and this process's CPU time since a start, to turn a count into two rates. */
public record ProcessClock(long wallStart, long cpuStart) {

  private static final OperatingSystemMXBean OS =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  public static ProcessClock start() {
    return new ProcessClock(System.nanoTime(), OS.getProcessCpuTime());
  }

  /** {@code count} per second of wall time and per CPU-second of this process since the start. */
  public Rate rate(long count) {
    double wall = (System.nanoTime() - wallStart) / 1e9;
    double cpu = Math.max(1, OS.getProcessCpuTime() - cpuStart) / 1e9;
    return new Rate(count / wall, count / cpu);
  }

  /** A count per second and per CPU-second. */
  public record Rate(double perSecond, double perCpuSecond) {}
}
