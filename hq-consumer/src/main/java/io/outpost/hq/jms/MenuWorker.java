package io.outpost.hq.jms;

import io.outpost.hq.core.Handled;
import io.outpost.hq.core.HqException;
import io.outpost.hq.core.MenuResponder;
import io.outpost.hq.core.OutletInbox;
import io.outpost.hq.core.Quarantine;
import io.outpost.message.Addresses;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers menu requests one at a time: the reply (or the quarantine) and the consumption of the
 * request commit together.
 */
final class MenuWorker extends QueueWorker {

  private static final Logger LOG = LoggerFactory.getLogger(MenuWorker.class);
  private static final Duration PAUSE_AFTER_FAILURE = Duration.ofSeconds(1);

  private final MenuResponder responder;
  private final String hqId;
  private final Duration receiveTimeout;
  private final ConsumerEvents events;
  private Quarantine quarantine;
  private OutletInbox inbox;

  MenuWorker(
      JmsBroker broker,
      MenuResponder responder,
      String hqId,
      Duration receiveTimeout,
      ConsumerEvents events) {
    super(broker, Addresses.MENU_REQUESTS);
    this.responder = responder;
    this.hqId = hqId;
    this.receiveTimeout = receiveTimeout;
    this.events = events;
  }

  @Override
  void connected(JMSContext context) {
    quarantine = new JmsQuarantine(context);
    inbox = new JmsOutletInbox(context, hqId);
  }

  @Override
  void poll(JMSContext context, JMSConsumer consumer) {
    Message message = consumer.receive(receiveTimeout.toMillis());
    if (message == null) {
      return;
    }
    long started = System.nanoTime();
    Handled handled;
    try {
      handled = responder.respond(Messages.incoming(message), quarantine, inbox);
    } catch (HqException | JMSException e) {
      context.rollback();
      LOG.warn("menu request rolled back, the broker will redeliver it: {}", e.getMessage());
      events.rolledBack(Addresses.MENU_REQUESTS, 1);
      pause(PAUSE_AFTER_FAILURE);
      return;
    }
    context.commit();
    events.committed(
        Addresses.MENU_REQUESTS,
        List.of(handled),
        Messages.redelivered(List.of(message)),
        Duration.ofNanos(System.nanoTime() - started));
    if (handled.outcome() == Handled.Outcome.UNANSWERED) {
      LOG.warn(handled.describe());
    } else {
      LOG.info(handled.describe());
    }
  }
}
