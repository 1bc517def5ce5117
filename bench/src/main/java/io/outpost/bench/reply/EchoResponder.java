package io.outpost.bench.reply;

import io.outpost.message.Addresses;
import io.outpost.message.WireProperties;
import jakarta.jms.BytesMessage;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.Message;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * The baseline's server: a plain request-reply consumer on one of Outpost's queues, logged in as
 * HQ, that answers each request on the sender's inbox with a fixed body of the size HQ's real
 * answer has, the reply and the consumption committing together as HQ's workers do. Nothing is
 * verified or signed: what is left is the broker's own round trip. Runs only while HQ does not,
 * since both would consume the same queue.
 */
final class EchoResponder implements AutoCloseable {

  private static final long POLL_MILLIS = 100;

  private final Thread thread;
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private volatile boolean running = true;

  private EchoResponder(
      String url, String user, String password, String queue, String replyType, byte[] reply) {
    thread =
        new Thread(
            () -> serve(url, user, password, queue, replyType, reply), "bench-echo-" + queue);
    thread.setDaemon(true);
    thread.start();
  }

  static EchoResponder start(
      String url, String user, String password, String queue, String replyType, byte[] reply) {
    return new EchoResponder(url, user, password, queue, replyType, reply);
  }

  private void serve(
      String url, String user, String password, String queue, String replyType, byte[] reply) {
    try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url, user, password);
        JMSContext context = factory.createContext(JMSContext.SESSION_TRANSACTED)) {
      JMSConsumer consumer = context.createConsumer(context.createQueue(queue));
      JMSProducer producer = context.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT);
      while (running) {
        Message request = consumer.receive(POLL_MILLIS);
        if (request == null) {
          continue;
        }
        String requestId = request.getStringProperty(WireProperties.DUPLICATE_ID);
        BytesMessage answer = context.createBytesMessage();
        answer.writeBytes(reply);
        answer.setStringProperty(WireProperties.TYPE, replyType);
        answer.setStringProperty(WireProperties.DUPLICATE_ID, "echo-" + requestId);
        answer.setJMSCorrelationID(requestId);
        String from = request.getStringProperty(WireProperties.FROM);
        producer.send(context.createQueue(Addresses.inbox(from)), answer);
        context.commit();
      }
    } catch (JMSException | RuntimeException e) {
      failure.set(e);
    }
  }

  /** Stops answering; throws what stopped it earlier, if anything did. */
  @Override
  public void close() throws Exception {
    running = false;
    thread.join();
    if (failure.get() != null) {
      throw failure.get();
    }
  }
}
