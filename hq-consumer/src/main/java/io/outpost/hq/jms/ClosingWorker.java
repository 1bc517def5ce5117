package io.outpost.hq.jms;

import io.outpost.hq.core.ClosingIngest;
import io.outpost.hq.core.Handled;
import io.outpost.hq.core.HqException;
import io.outpost.hq.core.IncomingMessage;
import io.outpost.hq.core.Quarantine;
import io.outpost.message.Addresses;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingests closings in batches: up to {@code batchSize} messages, one database transaction, one JMS
 * commit. A transient failure rolls the whole batch back for the broker to redeliver with its
 * back-off. After each committed batch and each connection, the receipt worker is asked for a
 * round.
 */
final class ClosingWorker extends QueueWorker {

  private static final Logger LOG = LoggerFactory.getLogger(ClosingWorker.class);
  private static final Duration PAUSE_AFTER_FAILURE = Duration.ofSeconds(1);
  private static final Duration FIRST_STORE_CHECK = Duration.ofMillis(250);
  private static final Duration MAX_STORE_WAIT = Duration.ofSeconds(10);

  private final ClosingIngest ingest;
  private final ReceiptWorker receipts;
  private final int batchSize;
  private final Duration receiveTimeout;
  private final ConsumerEvents events;
  private Quarantine quarantine;

  ClosingWorker(
      JmsBroker broker,
      ClosingIngest ingest,
      ReceiptWorker receipts,
      int batchSize,
      Duration receiveTimeout,
      ConsumerEvents events) {
    super(broker, Addresses.CLOSINGS);
    this.ingest = ingest;
    this.receipts = receipts;
    this.batchSize = batchSize;
    this.receiveTimeout = receiveTimeout;
    this.events = events;
  }

  @Override
  void connected(JMSContext context) {
    quarantine = new JmsQuarantine(context);
    receipts.request();
  }

  @Override
  void poll(JMSContext context, JMSConsumer consumer) {
    List<Message> batch = receiveBatch(consumer);
    long started = System.nanoTime();
    if (batch.isEmpty()) {
      return;
    }
    List<Handled> results;
    try {
      List<IncomingMessage> incoming = new ArrayList<>(batch.size());
      for (Message message : batch) {
        incoming.add(Messages.incoming(message));
      }
      results = ingest.ingest(incoming, quarantine);
    } catch (HqException | JMSException e) {
      context.rollback();
      LOG.warn(
          "batch of {} closing(s) rolled back, the broker will redeliver it: {}",
          batch.size(),
          e.getMessage());
      events.rolledBack(Addresses.CLOSINGS, batch.size());
      if (e instanceof HqException h && h.reason() == HqException.Reason.STORAGE) {
        awaitStore();
      } else {
        pause(PAUSE_AFTER_FAILURE);
      }
      return;
    }
    context.commit();
    events.committed(
        Addresses.CLOSINGS,
        results,
        Messages.redelivered(batch),
        Duration.ofNanos(System.nanoTime() - started));
    for (Handled handled : results) {
      LOG.info(handled.describe());
    }
    receipts.request();
  }

  /**
   * Receives nothing more until the database answers: each rollback spends one of the broker's
   * delivery attempts, and an outage longer than their back-off would otherwise send closings to
   * the dead-letter queue.
   */
  private void awaitStore() {
    Duration wait = FIRST_STORE_CHECK;
    while (running()) {
      pause(wait);
      try {
        ingest.checkStore();
        LOG.info("database reachable again; consuming {}", Addresses.CLOSINGS);
        return;
      } catch (HqException e) {
        LOG.warn("database still unavailable, not consuming: {}", e.getMessage());
        wait = wait.multipliedBy(2);
        if (wait.compareTo(MAX_STORE_WAIT) > 0) {
          wait = MAX_STORE_WAIT;
        }
      }
    }
  }

  private List<Message> receiveBatch(JMSConsumer consumer) {
    List<Message> batch = new ArrayList<>();
    Message first = consumer.receive(receiveTimeout.toMillis());
    if (first == null) {
      return batch;
    }
    batch.add(first);
    while (batch.size() < batchSize) {
      Message next = consumer.receiveNoWait();
      if (next == null) {
        break;
      }
      batch.add(next);
    }
    return batch;
  }
}
