package io.outpost.hq.e2e;

import io.outpost.broker.BrokerAccounts;
import io.outpost.broker.BrokerConfig;
import io.outpost.broker.BrokerException;
import io.outpost.broker.EmbeddedBroker;
import io.outpost.message.Addresses;
import io.outpost.message.WireProperties;
import jakarta.jms.BytesMessage;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.QueueBrowser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * The in-JVM broker loaded from broker-config/, provisioned like a real one (logins for HQ, an
 * admin and the fleet's outlets, each password in its own file). It can be stopped and started
 * again on the same port and data directory, as when the outlets' network goes away and comes back.
 */
final class LiveBroker implements AutoCloseable {

  static final String HQ = Fleet.HQ;
  static final String ADMIN = "admin";

  /** The least hashing work the broker accepts: a login costs milliseconds, not a second. */
  private static final int HASH_ITERATIONS = 10_000;

  private final Path configDir;
  private final Path instanceDir;
  private final Path passwordDir;
  private final List<ActiveMQConnectionFactory> factories =
      Collections.synchronizedList(new ArrayList<>());
  private EmbeddedBroker broker;
  private int port;

  private LiveBroker(Path configDir, Path instanceDir, Path passwordDir) {
    this.configDir = configDir;
    this.instanceDir = instanceDir;
    this.passwordDir = passwordDir;
  }

  /** Provisions an instance under {@code dir} and starts it on a free port. */
  static LiveBroker start(Path dir) throws Exception {
    Path config = BrokerConfig.locate();
    Path instance = dir.resolve("instance");
    Path passwords = Files.createDirectories(dir.resolve("passwords"));
    BrokerConfig.initInstance(config, instance);
    BrokerAccounts accounts = BrokerAccounts.open(instance, HASH_ITERATIONS);
    accounts.addHq(HQ, password(HQ).toCharArray());
    accounts.addAdmin(ADMIN, password(ADMIN).toCharArray());
    for (String outlet : Fleet.OUTLETS) {
      accounts.addOutlet(outlet, password(outlet).toCharArray());
    }
    LiveBroker live = new LiveBroker(config, instance, passwords);
    for (String user : accountsOf()) {
      Files.writeString(live.passwordFile(user), password(user) + "\n");
    }
    live.broker = EmbeddedBroker.start(config, instance, 0);
    live.port = live.broker.port();
    return live;
  }

  private static List<String> accountsOf() {
    List<String> users = new ArrayList<>(List.of(HQ, ADMIN));
    users.addAll(Fleet.OUTLETS);
    return users;
  }

  private static String password(String user) {
    return "pw-" + user + "-e2e-91b7c3";
  }

  String url() {
    return "tcp://127.0.0.1:" + port;
  }

  /** The file whose first line is {@code user}'s broker password. */
  Path passwordFile(String user) {
    return passwordDir.resolve(user + ".password");
  }

  /** Stops the broker; the journal stays for {@link #restart}. */
  void stop() throws BrokerException {
    broker.stop();
  }

  /** Starts the broker again on the same port and data directory. */
  void restart() throws BrokerException {
    broker = EmbeddedBroker.start(configDir, instanceDir, port);
  }

  /** A context logged in as {@code user} with its password; the caller closes it. */
  JMSContext login(String user) {
    return connect(user, password(user));
  }

  /** A context logged in as {@code user} with {@code password} (null for no login at all). */
  JMSContext connect(String user, String password) {
    ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url());
    factories.add(factory);
    return user == null
        ? factory.createContext(JMSContext.AUTO_ACKNOWLEDGE)
        : factory.createContext(user, password, JMSContext.AUTO_ACKNOWLEDGE);
  }

  /**
   * Sends {@code body} as {@code user} the way an outlet's flush does (persistent, typed, with a
   * duplicate id), or as a hostile client holding that login would.
   */
  void sendAs(String user, String queue, String type, byte[] body, String duplicateId)
      throws JMSException {
    try (JMSContext context = login(user)) {
      BytesMessage message = context.createBytesMessage();
      message.writeBytes(body);
      message.setStringProperty(WireProperties.TYPE, type);
      message.setStringProperty(WireProperties.FROM, user);
      message.setStringProperty(WireProperties.DUPLICATE_ID, duplicateId);
      context
          .createProducer()
          .setDeliveryMode(DeliveryMode.PERSISTENT)
          .send(context.createQueue(queue), message);
    }
  }

  /**
   * Consumes everything on {@code queue} as {@code user}, waiting up to {@code firstWaitMillis}.
   */
  List<Message> receiveAll(String user, String queue, long firstWaitMillis) {
    List<Message> messages = new ArrayList<>();
    try (JMSContext context = login(user);
        JMSConsumer consumer = context.createConsumer(context.createQueue(queue))) {
      Message message = consumer.receive(firstWaitMillis);
      while (message != null) {
        messages.add(message);
        message = consumer.receive(100);
      }
    }
    return messages;
  }

  /** How many messages wait on {@code queue}, seen by the admin without consuming them. */
  int depth(String queue) throws JMSException {
    try (JMSContext context = login(ADMIN);
        QueueBrowser browser = context.createBrowser(context.createQueue(queue))) {
      return Collections.list(browser.getEnumeration()).size();
    }
  }

  /** Empties Outpost's queues, so that a test starts from what it sends itself. */
  void drain() {
    receiveAll(HQ, Addresses.CLOSINGS, 10);
    receiveAll(HQ, Addresses.MENU_REQUESTS, 10);
    receiveAll(ADMIN, Addresses.QUARANTINE, 10);
    for (String outlet : Fleet.OUTLETS) {
      receiveAll(outlet, Addresses.inbox(outlet), 10);
    }
  }

  @Override
  public void close() throws BrokerException {
    synchronized (factories) {
      factories.forEach(ActiveMQConnectionFactory::close);
    }
    broker.stop();
  }
}
