package io.outpost.hq.jms;

import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes one queue in a transacted context on its own thread, and connects again with back-off
 * when the broker goes away. {@link #stop} lets the unit of work in flight finish (commit or roll
 * back) before the context closes.
 */
abstract class QueueWorker implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(QueueWorker.class);
  private static final Duration FIRST_RETRY = Duration.ofMillis(500);
  private static final Duration LAST_RETRY = Duration.ofSeconds(30);

  private final JmsBroker broker;
  private final String queue;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean running = true;

  QueueWorker(JmsBroker broker, String queue) {
    this.broker = broker;
    this.queue = queue;
  }

  /** Called after each (re)connection, before the first poll. */
  abstract void connected(JMSContext context);

  /** Receives and handles one unit of work; returns quickly when there is none. */
  abstract void poll(JMSContext context, JMSConsumer consumer);

  @Override
  public final void run() {
    try {
      serve();
    } finally {
      stopped.countDown();
    }
  }

  private void serve() {
    Duration retry = FIRST_RETRY;
    while (running) {
      try (JMSContext context = broker.transacted();
          JMSConsumer consumer = context.createConsumer(context.createQueue(queue))) {
        LOG.info("consuming {} at {}", queue, broker.settings().url());
        retry = FIRST_RETRY;
        connected(context);
        while (running) {
          poll(context, consumer);
        }
      } catch (JMSRuntimeException e) {
        if (!running) {
          break;
        }
        LOG.warn(
            "broker at {} unavailable for {} ({}); retrying in {} ms",
            broker.settings().url(),
            queue,
            e.getMessage(),
            retry.toMillis());
        pause(retry);
        retry = longer(retry);
      } catch (RuntimeException e) {
        // A bug must not end the service silently; the transaction in flight was rolled back.
        LOG.error(
            "unexpected failure consuming {}; reconnecting in {} ms", queue, retry.toMillis(), e);
        pause(retry);
        retry = longer(retry);
      }
    }
  }

  private static Duration longer(Duration retry) {
    Duration next = retry.multipliedBy(2);
    return next.compareTo(LAST_RETRY) > 0 ? LAST_RETRY : next;
  }

  /** Asks the worker to stop after the unit of work in flight. */
  void stop() {
    running = false;
  }

  boolean running() {
    return running;
  }

  /** Waits for the worker to finish its last unit of work and close its context. */
  boolean awaitStopped(Duration timeout) throws InterruptedException {
    return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Sleeps unless asked to stop meanwhile. */
  void pause(Duration duration) {
    long until = System.nanoTime() + duration.toNanos();
    while (running && System.nanoTime() < until) {
      try {
        Thread.sleep(Math.min(100, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        running = false;
      }
    }
  }
}
