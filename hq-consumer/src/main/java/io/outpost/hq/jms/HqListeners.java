package io.outpost.hq.jms;

import io.outpost.hq.core.ClosingIngest;
import io.outpost.hq.core.MenuResponder;
import io.outpost.hq.core.OutletInbox;
import io.outpost.hq.core.ReceiptPublisher;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * HQ's two consumers, each on its own thread: closings (in batches, then receipts) and menu
 * requests. {@link #stop} drains: each finishes the unit of work in flight, commits or rolls it
 * back, and closes its context.
 */
public final class HqListeners implements AutoCloseable {

  private final JmsBroker broker;
  private final DirectOutletInbox receiptInbox;
  private final List<QueueWorker> workers;
  private final List<Thread> threads;

  private HqListeners(JmsBroker broker, DirectOutletInbox receiptInbox, List<QueueWorker> workers) {
    this.broker = broker;
    this.receiptInbox = receiptInbox;
    this.workers = workers;
    this.threads =
        workers.stream()
            .map(w -> new Thread(w, w instanceof ClosingWorker ? "hq-closings" : "hq-menus"))
            .toList();
  }

  /**
   * Starts consuming.
   *
   * @param receiptsFor builds the receipt publisher over the inbox it is to send through
   */
  public static HqListeners start(
      JmsBroker broker,
      String hqId,
      ClosingIngest ingest,
      Function<OutletInbox, ReceiptPublisher> receiptsFor,
      MenuResponder menus,
      int batchSize,
      Duration receiveTimeout) {
    return start(
        broker, hqId, ingest, receiptsFor, menus, batchSize, receiveTimeout, ConsumerEvents.NONE);
  }

  /** As the other {@code start}, reporting each unit of work to {@code events}. */
  public static HqListeners start(
      JmsBroker broker,
      String hqId,
      ClosingIngest ingest,
      Function<OutletInbox, ReceiptPublisher> receiptsFor,
      MenuResponder menus,
      int batchSize,
      Duration receiveTimeout,
      ConsumerEvents events) {
    DirectOutletInbox receiptInbox = new DirectOutletInbox(broker, hqId);
    ClosingWorker closings =
        new ClosingWorker(
            broker, ingest, receiptsFor.apply(receiptInbox), batchSize, receiveTimeout, events);
    MenuWorker menuWorker = new MenuWorker(broker, menus, hqId, receiveTimeout, events);
    HqListeners listeners = new HqListeners(broker, receiptInbox, List.of(closings, menuWorker));
    listeners.threads.forEach(Thread::start);
    return listeners;
  }

  /** Asks both consumers to stop after their unit of work in flight. */
  public void stop() {
    workers.forEach(QueueWorker::stop);
  }

  /** Waits for both consumers to finish; true if they did within the timeout. */
  public boolean awaitStopped(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (QueueWorker worker : workers) {
      Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
      if (!worker.awaitStopped(left)) {
        return false;
      }
    }
    return true;
  }

  /** Stops, waits up to 30 s for the work in flight, and closes the broker connections. */
  @Override
  public void close() {
    stop();
    try {
      awaitStopped(Duration.ofSeconds(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      receiptInbox.close();
      broker.close();
    }
  }
}
