package io.outpost.hq.jms;

import jakarta.jms.JMSContext;
import java.util.Objects;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * HQ's way into the broker: the Artemis connection factory for HQ's login. Each worker takes its
 * own {@link JMSContext} (a context is single-threaded) and closes it when done.
 */
public final class JmsBroker implements AutoCloseable {

  /** Where and as whom HQ connects; the password never appears in {@link #toString()}. */
  public record Settings(String url, String user, String password) {

    public Settings {
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(user, "user");
    }

    @Override
    public String toString() {
      return "JmsBroker.Settings[" + url + " as " + user + "]";
    }
  }

  private final Settings settings;
  private final ActiveMQConnectionFactory factory;

  public JmsBroker(Settings settings) {
    this.settings = settings;
    this.factory =
        new ActiveMQConnectionFactory(settings.url(), settings.user(), settings.password());
    // Every send is confirmed before it returns: a receipt is marked sent only once the broker
    // holds it.
    factory.setBlockOnDurableSend(true);
    // Room in the client's buffer for a whole batch of sealed closings (about 24 KB each), so that
    // a batch is filled without waiting on the broker for each message.
    factory.setConsumerWindowSize(4 * 1024 * 1024);
  }

  /** A context whose consumption and sends commit or roll back together. */
  JMSContext transacted() {
    return factory.createContext(JMSContext.SESSION_TRANSACTED);
  }

  /** A context whose sends each complete on their own (receipts). */
  JMSContext autoAcknowledge() {
    return factory.createContext(JMSContext.AUTO_ACKNOWLEDGE);
  }

  public Settings settings() {
    return settings;
  }

  @Override
  public void close() {
    factory.close();
  }
}
