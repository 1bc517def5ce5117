package io.outpost.hq;

import io.outpost.broker.BrokerAccounts;
import io.outpost.broker.BrokerConfig;
import io.outpost.broker.BrokerException;
import io.outpost.broker.EmbeddedBroker;
import io.outpost.hq.jms.JmsBroker;
import io.outpost.message.Addresses;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * The in-JVM broker from broker-config/, provisioned with HQ, an admin and two outlets whose
 * passwords the tests know (hashed with the least work the broker accepts, for speed).
 */
final class TestBroker implements AutoCloseable {

  static final String HQ = "hq";
  static final String ADMIN = "admin";
  static final String OUTLET_A = "outlet-a";
  static final String OUTLET_B = "outlet-b";

  private final EmbeddedBroker broker;
  private final List<ActiveMQConnectionFactory> factories = new ArrayList<>();

  private TestBroker(EmbeddedBroker broker) {
    this.broker = broker;
  }

  static TestBroker start(Path instanceDir) throws Exception {
    Path config = BrokerConfig.locate();
    BrokerConfig.initInstance(config, instanceDir);
    BrokerAccounts accounts = BrokerAccounts.open(instanceDir, 10_000);
    accounts.addHq(HQ, password(HQ).toCharArray());
    accounts.addAdmin(ADMIN, password(ADMIN).toCharArray());
    accounts.addOutlet(OUTLET_A, password(OUTLET_A).toCharArray());
    accounts.addOutlet(OUTLET_B, password(OUTLET_B).toCharArray());
    return new TestBroker(EmbeddedBroker.start(config, instanceDir, 0));
  }

  static String password(String user) {
    return "pw-" + user + "-4c1d9e7a2b";
  }

  String url() {
    return broker.url();
  }

  JmsBroker.Settings hqSettings() {
    return new JmsBroker.Settings(url(), HQ, password(HQ));
  }

  /** A context logged in as {@code user}; the caller closes it. */
  JMSContext login(String user, int mode) {
    ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url());
    synchronized (factories) {
      factories.add(factory);
    }
    return factory.createContext(user, password(user), mode);
  }

  /** Consumes everything Outpost's queues hold, so that each test starts from empty queues. */
  void drain() {
    drain(HQ, Addresses.CLOSINGS);
    drain(HQ, Addresses.MENU_REQUESTS);
    drain(ADMIN, Addresses.QUARANTINE);
    drain(OUTLET_A, Addresses.inbox(OUTLET_A));
    drain(OUTLET_B, Addresses.inbox(OUTLET_B));
  }

  /**
   * Receives everything on {@code queue} as {@code user}, waiting up to {@code waitMillis} for the
   * first.
   */
  List<Message> receiveAll(String user, String queue, long waitMillis) {
    List<Message> messages = new ArrayList<>();
    try (JMSContext context = login(user, JMSContext.AUTO_ACKNOWLEDGE);
        JMSConsumer consumer = context.createConsumer(context.createQueue(queue))) {
      Message message = consumer.receive(waitMillis);
      while (message != null) {
        messages.add(message);
        message = consumer.receive(200);
      }
    }
    return messages;
  }

  /** How many messages wait on {@code queue}, seen by the admin without consuming them. */
  int browse(String queue) throws jakarta.jms.JMSException {
    try (JMSContext context = login(ADMIN, JMSContext.AUTO_ACKNOWLEDGE);
        jakarta.jms.QueueBrowser browser = context.createBrowser(context.createQueue(queue))) {
      int count = 0;
      for (var messages = browser.getEnumeration();
          messages.hasMoreElements();
          messages.nextElement()) {
        count++;
      }
      return count;
    }
  }

  private void drain(String user, String queue) {
    receiveAll(user, queue, 50);
  }

  @Override
  public void close() throws BrokerException {
    synchronized (factories) {
      factories.forEach(ActiveMQConnectionFactory::close);
    }
    broker.close();
  }
}
