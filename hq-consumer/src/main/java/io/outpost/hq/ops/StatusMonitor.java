package io.outpost.hq.ops;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects the status on its own thread every period, so that the page, the health check and a
 * Prometheus scrape answer at once from the latest one and never wait on the database or broker.
 */
final class StatusMonitor implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(StatusMonitor.class);

  private final StatusCollector collector;
  private final Duration period;
  private final List<Consumer<HqStatus>> listeners;
  private final ScheduledExecutorService scheduler;
  private volatile HqStatus latest;

  private StatusMonitor(
      StatusCollector collector, Duration period, List<Consumer<HqStatus>> listeners) {
    this.collector = collector;
    this.period = period;
    this.listeners = List.copyOf(listeners);
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "hq-status");
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Collects once before returning, then every {@code period}; listeners see each status. */
  static StatusMonitor start(
      StatusCollector collector, Duration period, List<Consumer<HqStatus>> listeners) {
    StatusMonitor monitor = new StatusMonitor(collector, period, listeners);
    monitor.refresh();
    monitor.scheduler.scheduleWithFixedDelay(
        monitor::refresh, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    return monitor;
  }

  HqStatus latest() {
    return latest;
  }

  Duration period() {
    return period;
  }

  private void refresh() {
    try {
      HqStatus status = collector.collect();
      latest = status;
      for (Consumer<HqStatus> listener : listeners) {
        listener.accept(status);
      }
    } catch (RuntimeException e) {
      // A bug in one refresh must not end the refreshing: the next period tries again.
      LOG.error("status refresh failed", e);
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    try {
      scheduler.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
