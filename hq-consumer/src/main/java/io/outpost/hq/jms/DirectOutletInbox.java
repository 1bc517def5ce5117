package io.outpost.hq.jms;

import io.outpost.hq.core.HqException;
import io.outpost.hq.core.OutletInbox;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;

/**
 * Sends each message on its own, confirmed by the broker before {@link #deliver} returns (the
 * receipts path). Its context is opened on first use and again after a failure.
 */
final class DirectOutletInbox implements OutletInbox, AutoCloseable {

  private final JmsBroker broker;
  private final String hqId;
  private JMSContext context;

  DirectOutletInbox(JmsBroker broker, String hqId) {
    this.broker = broker;
    this.hqId = hqId;
  }

  @Override
  public synchronized void deliver(Delivery delivery) throws HqException {
    try {
      if (context == null) {
        context = broker.autoAcknowledge();
      }
      new JmsOutletInbox(context, hqId).deliver(delivery);
    } catch (HqException | JMSRuntimeException e) {
      close();
      if (e instanceof HqException hq) {
        throw hq;
      }
      throw new HqException(
          HqException.Reason.BROKER, "cannot reach the broker: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void close() {
    if (context != null) {
      try {
        context.close();
      } catch (JMSRuntimeException e) {
        // A broken context cannot be closed cleanly; a new one is opened on the next delivery.
      }
      context = null;
    }
  }
}
