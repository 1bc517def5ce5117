package io.outpost.hq.ops;

import io.outpost.hq.core.HqException;
import io.outpost.hq.core.OutletInbox;
import io.outpost.message.Addresses;
import io.outpost.message.WireProperties;
import jakarta.jms.BytesMessage;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * Sends to outlets' inboxes with HQ's login, each send confirmed by the broker before {@link
 * #deliver} returns: the receipts of a released closing.
 */
public final class InboxSender implements OutletInbox, AutoCloseable {

  private final BrokerLogin login;
  private final String hqId;
  private ActiveMQConnectionFactory factory;
  private JMSContext context;

  public InboxSender(BrokerLogin login, String hqId) {
    this.login = login;
    this.hqId = hqId;
  }

  @Override
  public synchronized void deliver(Delivery delivery) throws HqException {
    String address = Addresses.inbox(delivery.outletId());
    try {
      if (context == null) {
        factory = login.factory();
        factory.setBlockOnDurableSend(true);
        context = factory.createContext(JMSContext.AUTO_ACKNOWLEDGE);
      }
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
    } catch (jakarta.jms.JMSException | JMSRuntimeException e) {
      close();
      throw new HqException(
          HqException.Reason.BROKER,
          "cannot send to " + address + " as " + login.user() + ": " + e.getMessage(),
          e);
    }
  }

  @Override
  public synchronized void close() {
    if (context != null) {
      try {
        context.close();
      } catch (JMSRuntimeException e) {
        // Broken already; nothing left to release.
      }
      context = null;
    }
    if (factory != null) {
      factory.close();
      factory = null;
    }
  }
}
