package io.outpost.bench.reply;

import io.outpost.message.Addresses;
import io.outpost.message.WireProperties;
import jakarta.jms.BytesMessage;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.time.Duration;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * An outlet's connection as outlet-producer's JmsBrokerLink makes it (that class is package-private
 * there): persistent sends that block until the broker stored them, with the outlet's routing
 * properties and duplicate id; the inbox read in a transacted session, one commit per message,
 * through a selector on the type. The sending and the receiving side are separate sessions, so one
 * thread may send while another receives.
 */
final class OutletLink implements AutoCloseable {

  private final String outletId;
  private final ActiveMQConnectionFactory factory;
  private final JMSContext sender;
  private final JMSContext receiver;
  private final JMSConsumer inbox;

  private OutletLink(
      String outletId,
      ActiveMQConnectionFactory factory,
      JMSContext sender,
      JMSContext receiver,
      String replyType) {
    this.outletId = outletId;
    this.factory = factory;
    this.sender = sender;
    this.receiver = receiver;
    this.inbox =
        receiver.createConsumer(
            receiver.createQueue(Addresses.inbox(outletId)),
            WireProperties.TYPE + " = '" + replyType + "'");
  }

  /** Logs in as the outlet and opens its inbox for replies of {@code replyType}. */
  static OutletLink connect(String url, String outletId, String password, String replyType) {
    ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url, outletId, password);
    factory.setBlockOnDurableSend(true);
    factory.setBlockOnAcknowledge(true);
    JMSContext sender = factory.createContext(JMSContext.AUTO_ACKNOWLEDGE);
    JMSContext receiver = sender.createContext(JMSContext.SESSION_TRANSACTED);
    return new OutletLink(outletId, factory, sender, receiver, replyType);
  }

  void send(String address, String type, String messageId, byte[] body) throws JMSException {
    BytesMessage message = sender.createBytesMessage();
    message.writeBytes(body);
    message.setStringProperty(WireProperties.TYPE, type);
    message.setStringProperty(WireProperties.FROM, outletId);
    message.setStringProperty(WireProperties.DUPLICATE_ID, messageId);
    sender
        .createProducer()
        .setDeliveryMode(DeliveryMode.PERSISTENT)
        .send(sender.createQueue(address), message);
  }

  /** The next reply, committed; or null when none came within {@code timeout}. */
  Reply receive(Duration timeout) throws JMSException {
    Message message = inbox.receive(timeout.toMillis());
    if (message == null) {
      return null;
    }
    Reply reply = new Reply(message.getJMSCorrelationID(), message.getBody(byte[].class));
    receiver.commit();
    return reply;
  }

  /** A reply from the inbox: the correlation id (the request's id) and the body. */
  record Reply(String correlationId, byte[] body) {}

  @Override
  public void close() {
    receiver.close();
    sender.close();
    factory.close();
  }
}
