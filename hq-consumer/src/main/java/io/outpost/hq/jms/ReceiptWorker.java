package io.outpost.hq.jms;

import io.outpost.hq.core.HqException;
import io.outpost.hq.core.ReceiptPublisher;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes receipts on a thread of its own, so that signing and sending them overlaps with the
 * next batch's ingest: a round when asked (after each committed batch), every few seconds while
 * nobody asks (receipts that failed to go out, and entries another HQ on the same database stored
 * but did not answer), and a last one when stopped.
 */
final class ReceiptWorker implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(ReceiptWorker.class);
  private static final Duration SWEEP = Duration.ofSeconds(5);

  private final ReceiptPublisher receipts;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private boolean due = true;
  private boolean running = true;

  ReceiptWorker(ReceiptPublisher receipts) {
    this.receipts = receipts;
  }

  /** Asks for a round as soon as the one in progress, if any, is done. */
  synchronized void request() {
    due = true;
    notifyAll();
  }

  /** Asks for a last round, after which the worker ends. */
  synchronized void stop() {
    running = false;
    notifyAll();
  }

  boolean awaitStopped(Duration timeout) throws InterruptedException {
    return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void run() {
    try {
      boolean last = false;
      while (!last) {
        last = awaitRound();
        publish();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      stopped.countDown();
    }
  }

  /** Waits until a round is asked for or due; true when it is the last one. */
  private synchronized boolean awaitRound() throws InterruptedException {
    if (!due && running) {
      wait(SWEEP.toMillis());
    }
    due = false;
    return !running;
  }

  /** Receipts failing to go out is not fatal: they stay pending in the store and are sent later. */
  private void publish() {
    try {
      receipts.publishPending();
    } catch (HqException e) {
      LOG.warn("receipts not sent yet, retrying later: {}", e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("publishing receipts failed; retrying later", e);
    }
  }
}
