package io.outpost.broker;

import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/** One JMS login to a test broker, used the way Artemis's examples use JMS. */
final class Client implements AutoCloseable {

  private final ActiveMQConnectionFactory factory;
  private final JMSContext context;

  private Client(ActiveMQConnectionFactory factory, JMSContext context) {
    this.factory = factory;
    this.context = context;
  }

  /** Logs in as {@code user} with its test password. */
  static Client login(EmbeddedBroker broker, String user) {
    return login(broker.url(), user, TestInstances.password(user), JMSContext.AUTO_ACKNOWLEDGE);
  }

  static Client login(String url, String user, String password, int sessionMode) {
    ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url);
    try {
      JMSContext context =
          user == null
              ? factory.createContext(sessionMode)
              : factory.createContext(user, password, sessionMode);
      return new Client(factory, context);
    } catch (RuntimeException e) {
      factory.close();
      throw e;
    }
  }

  JMSContext context() {
    return context;
  }

  /** Sends a persistent text message with a duplicate id, as Outpost's clients do. */
  void send(String queue, String body, String duplicateId) throws JMSException {
    Message message = context.createTextMessage(body);
    message.setStringProperty("_AMQ_DUPL_ID", duplicateId);
    context.createProducer().send(context.createQueue(queue), message);
  }

  void send(String queue, String body) throws JMSException {
    send(queue, body, java.util.UUID.randomUUID().toString());
  }

  /** Receives one message from {@code queue}, or null after {@code timeoutMillis}. */
  Message receive(String queue, long timeoutMillis) {
    try (var consumer = context.createConsumer(context.createQueue(queue))) {
      return consumer.receive(timeoutMillis);
    }
  }

  @Override
  public void close() {
    try {
      context.close();
    } finally {
      factory.close();
    }
  }
}
