package io.outpost.hq.jms;

import io.outpost.hq.core.HqException;
import io.outpost.hq.core.OutletInbox;
import io.outpost.message.Addresses;
import io.outpost.message.WireProperties;
import jakarta.jms.BytesMessage;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;

/**
 * Sends to outlet inboxes through one context: in a transacted context the send commits with the
 * consumption it answers; in an auto-acknowledge one it is confirmed before {@link #deliver}
 * returns.
 */
final class JmsOutletInbox implements OutletInbox {

  private final JMSContext context;
  private final String hqId;

  JmsOutletInbox(JMSContext context, String hqId) {
    this.context = context;
    this.hqId = hqId;
  }

  @Override
  public void deliver(Delivery delivery) throws HqException {
    String address = Addresses.inbox(delivery.outletId());
    try {
      BytesMessage message = context.createBytesMessage();
      message.writeBytes(delivery.body());
      message.setStringProperty(WireProperties.TYPE, delivery.type());
      message.setStringProperty(WireProperties.FROM, hqId);
      message.setStringProperty(WireProperties.DUPLICATE_ID, delivery.duplicateId());
      if (delivery.correlationId() != null) {
        message.setJMSCorrelationID(delivery.correlationId());
      }
      context
          .createProducer()
          .setDeliveryMode(DeliveryMode.PERSISTENT)
          .send(context.createQueue(address), message);
    } catch (JMSException | JMSRuntimeException e) {
      throw new HqException(
          HqException.Reason.BROKER, "cannot send to " + address + ": " + e.getMessage(), e);
    }
  }
}
