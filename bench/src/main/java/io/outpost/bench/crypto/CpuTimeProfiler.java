package io.outpost.bench.crypto;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Operations per CPU-second of the benchmark's worker threads, per iteration: every operation the
 * iteration ran (JMH's "all ops") over the CPU time those threads took. Beside wall-clock
 * throughput it tells what an operation costs even when other work shares the machine. The JIT
 * compiler's and the garbage collector's own threads are left out: on a busy machine a short fork
 * is still compiling, and that work belongs to no operation.
 */
public final class CpuTimeProfiler implements InternalProfiler {

  /** The secondary result's name. */
  public static final String RESULT = "opsPerCpuSecond";

  /** How JMH names the threads that run the benchmark method. */
  private static final String WORKER = "-jmh-worker-";

  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private Map<Long, Long> cpuAtStart = Map.of();

  @Override
  public String getDescription() {
    return "operations per CPU-second of the benchmark's worker threads";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmark, IterationParams iteration) {
    cpuAtStart = workerCpu();
  }

  @Override
  public Collection<? extends Result> afterIteration(
      BenchmarkParams benchmark, IterationParams iteration, IterationResult result) {
    long cpuNanos = 0;
    for (Map.Entry<Long, Long> worker : workerCpu().entrySet()) {
      cpuNanos += worker.getValue() - cpuAtStart.getOrDefault(worker.getKey(), 0L);
    }
    long ops = result.getMetadata().getAllOps();
    if (cpuNanos <= 0 || ops <= 0) {
      return List.of();
    }
    return List.of(
        new ScalarResult(RESULT, ops / (cpuNanos / 1e9), "ops/cpu-s", AggregationPolicy.AVG));
  }

  /** CPU nanoseconds so far of each live worker thread, by thread id. */
  private Map<Long, Long> workerCpu() {
    Map<Long, Long> cpu = new HashMap<>();
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && info.getThreadName().contains(WORKER)) {
        long nanos = threads.getThreadCpuTime(info.getThreadId());
        if (nanos >= 0) {
          cpu.put(info.getThreadId(), nanos);
        }
      }
    }
    return cpu;
  }
}
