package io.outpost.hq.jms;

import io.outpost.hq.core.ClosingIngest;
import io.outpost.hq.core.MenuResponder;
import io.outpost.hq.core.OutletInbox;
import io.outpost.hq.core.ReceiptPublisher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * HQ's two consumers, each on its own thread: closings (in batches) and menu requests; and the
 * receipts, on a third. {@link #stop} drains: each consumer finishes the unit of work in flight,
 * commits or rolls it back, and closes its context; then the receipts of what was stored go out.
 */
public final class HqListeners implements AutoCloseable {

  private final JmsBroker broker;
  private final DirectOutletInbox receiptInbox;
  private final ReceiptWorker receipts;
  private final List<QueueWorker> workers;
  private final List<Thread> threads;

  private HqListeners(
      JmsBroker broker,
      DirectOutletInbox receiptInbox,
      ReceiptWorker receipts,
      List<QueueWorker> workers) {
    this.broker = broker;
    this.receiptInbox = receiptInbox;
    this.receipts = receipts;
    this.workers = workers;
    List<Thread> all = new ArrayList<>();
    for (QueueWorker worker : workers) {
      all.add(new Thread(worker, worker instanceof ClosingWorker ? "hq-closings" : "hq-menus"));
    }
    all.add(new Thread(receipts, "hq-receipts"));
    this.threads = List.copyOf(all);
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
    ReceiptWorker receipts = new ReceiptWorker(receiptsFor.apply(receiptInbox));
    ClosingWorker closings =
        new ClosingWorker(broker, ingest, receipts, batchSize, receiveTimeout, events);
    MenuWorker menuWorker = new MenuWorker(broker, menus, hqId, receiveTimeout, events);
    HqListeners listeners =
        new HqListeners(broker, receiptInbox, receipts, List.of(closings, menuWorker));
    listeners.threads.forEach(Thread::start);
    return listeners;
  }

  /** Asks both consumers to stop after their unit of work in flight (the receipts follow them). */
  public void stop() {
    workers.forEach(QueueWorker::stop);
  }

  /**
   * Waits for both consumers to finish, then for the last round of receipts; true if all of it
   * ended within the timeout.
   */
  public boolean awaitStopped(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (QueueWorker worker : workers) {
      if (!worker.awaitStopped(left(deadline))) {
        return false;
      }
    }
    receipts.stop();
    return receipts.awaitStopped(left(deadline));
  }

  private static Duration left(long deadline) {
    return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
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
      receipts.stop();
      receiptInbox.close();
      broker.close();
    }
  }
}
