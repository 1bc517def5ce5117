package io.outpost.reliability;

import io.outpost.broker.BrokerAccounts;
import io.outpost.broker.BrokerException;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.activemq.artemis.api.jms.management.JMSManagementHelper;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * A real Artemis broker process: an instance made by broker-config/make-broker from the
 * distribution (cached in ~/.m2 and ~/.cache/outpost as make-broker does), logins provisioned with
 * broker-config's own code, started with the instance's bin/artemis run. It can be killed with
 * SIGKILL and started again from its journal.
 */
final class ArtemisBroker implements AutoCloseable {

  static final String ADMIN = "admin";
  static final String HQ_LOGIN = "hq";
  static final String PROCESS_NAME = "artemis";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private final Path instance;
  private final int port;
  private final String adminPassword;
  private final Map<String, String> passwords = new HashMap<>();
  private Launched process;
  private int starts;
  private ActiveMQConnectionFactory adminFactory;

  private ArtemisBroker(Path instance, int port, String adminPassword) {
    this.instance = instance;
    this.port = port;
    this.adminPassword = adminPassword;
  }

  private static ArtemisBroker shared;

  /**
   * The suite's broker, made and started on first use under target/broker with a login for HQ and
   * for every outlet id of the fleet, and stopped when the test JVM ends. Scenarios share it (each
   * starts from empty queues, see {@link #purge}); one of them kills it and starts it again.
   */
  static synchronized ArtemisBroker shared() {
    if (shared == null) {
      shared = make(Repo.output().resolve("broker"), Fleet.get());
      Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "stop-broker"));
    }
    if (!shared.running()) {
      shared.start();
    }
    return shared;
  }

  /**
   * Makes an instance with make-broker (not started). Passwords are hashed with the least work the
   * broker accepts, for speed: it is a throw-away broker.
   */
  private static ArtemisBroker make(Path instance, Fleet fleet) {
    int port = Ports.free();
    int consolePort = Ports.free();
    String adminPassword = Fleet.secret();
    Path log = instance.resolveSibling(instance.getFileName() + "-make.log");
    try {
      Fleet.deleteTree(instance);
      Files.createDirectories(instance.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Launched make =
        Launched.start(
            "make-broker",
            List.of(Repo.makeBroker().toString(), instance.toString()),
            Map.of(
                "OUTPOST_BROKER_PORT", Integer.toString(port),
                "OUTPOST_CONSOLE_PORT", Integer.toString(consolePort),
                "OUTPOST_BROKER_PASSWORD", adminPassword),
            instance.getParent(),
            log);
    int exit = make.waitFor(Duration.ofMinutes(5));
    if (exit != 0) {
      throw new IllegalStateException("make-broker exited " + exit + ":\n" + make.output());
    }
    ArtemisBroker broker = new ArtemisBroker(instance, port, adminPassword);
    try {
      BrokerAccounts accounts = BrokerAccounts.open(instance, 10_000);
      accounts.setPassword(ADMIN, adminPassword.toCharArray());
      accounts.addHq(HQ_LOGIN, fleet.brokerPassword(Fleet.HQ).toCharArray());
      broker.passwords.put(HQ_LOGIN, fleet.brokerPassword(Fleet.HQ));
      for (String outlet : Fleet.OUTLET_IDS) {
        broker.addOutlet(accounts, outlet, fleet.brokerPassword(outlet));
      }
    } catch (BrokerException e) {
      throw new IllegalStateException("cannot provision " + instance + ": " + e.getMessage(), e);
    }
    return broker;
  }

  private void addOutlet(BrokerAccounts accounts, String id, String password)
      throws BrokerException {
    accounts.addOutlet(id, password.toCharArray());
    passwords.put(id, password);
  }

  /** Starts bin/artemis run and waits until the broker is active and accepts connections. */
  void start() {
    if (process != null && process.alive()) {
      throw new IllegalStateException("the broker is already running");
    }
    starts++;
    Path log = instance.resolveSibling(instance.getFileName() + "-run-" + starts + ".log");
    process =
        Launched.start(
            PROCESS_NAME,
            List.of(instance.resolve("bin").resolve("artemis").toString(), "run"),
            Map.of("OUTPOST_BROKER_HOST", "127.0.0.1"),
            instance,
            log);
    Await.until(
        "the broker to become active (" + log + ")",
        START_TIMEOUT,
        () -> {
          if (!process.alive()) {
            throw new IllegalStateException("the broker exited:\n" + process.output());
          }
          return process.output().contains("AMQ221007") && Ports.listening(port);
        });
  }

  /** kill -9 of the broker's JVM. */
  void kill9() {
    closeAdmin();
    process.kill9();
  }

  /** A clean stop (SIGTERM); Artemis's shutdown hook stops the server. */
  void stop() {
    closeAdmin();
    if (process != null && process.alive()) {
      process.terminate(Duration.ofSeconds(60));
    }
  }

  boolean running() {
    return process != null && process.alive();
  }

  String url() {
    return "tcp://127.0.0.1:" + port;
  }

  int port() {
    return port;
  }

  String password(String login) {
    String password = passwords.get(login);
    if (password == null) {
      throw new IllegalArgumentException("no login " + login);
    }
    return password;
  }

  /** A context logged in as {@code login}; the caller closes it. */
  JMSContext login(String login) {
    ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url());
    factory.setBlockOnDurableSend(true);
    return factory.createContext(login, password(login), JMSContext.AUTO_ACKNOWLEDGE);
  }

  private synchronized JMSContext admin() {
    if (adminFactory == null) {
      adminFactory = new ActiveMQConnectionFactory(url(), ADMIN, adminPassword);
    }
    return adminFactory.createContext(JMSContext.AUTO_ACKNOWLEDGE);
  }

  private synchronized void closeAdmin() {
    if (adminFactory != null) {
      adminFactory.close();
      adminFactory = null;
    }
  }

  /**
   * Messages on {@code queue}, including those delivered to a consumer and not yet acknowledged.
   */
  long messageCount(String queue) {
    try (JMSContext context = admin()) {
      Queue management = context.createQueue("activemq.management");
      Queue replies = context.createTemporaryQueue();
      Message request = context.createMessage();
      JMSManagementHelper.putAttribute(request, ResourceNames.QUEUE + queue, "messageCount");
      request.setJMSReplyTo(replies);
      try (JMSConsumer consumer = context.createConsumer(replies)) {
        context.createProducer().send(management, request);
        Message reply = consumer.receive(10_000);
        if (reply == null || !JMSManagementHelper.hasOperationSucceeded(reply)) {
          throw new IllegalStateException("the broker did not tell the size of " + queue);
        }
        return ((Number) JMSManagementHelper.getResult(reply)).longValue();
      }
    } catch (Exception e) {
      throw new IllegalStateException("cannot ask the broker about " + queue + ": " + e, e);
    }
  }

  /** Empties {@code queue}, so that a scenario sees only its own messages. */
  void purge(String queue) {
    try (JMSContext context = admin()) {
      Queue management = context.createQueue("activemq.management");
      Queue replies = context.createTemporaryQueue();
      Message request = context.createMessage();
      JMSManagementHelper.putOperationInvocation(
          request, ResourceNames.QUEUE + queue, "removeAllMessages");
      request.setJMSReplyTo(replies);
      try (JMSConsumer consumer = context.createConsumer(replies)) {
        context.createProducer().send(management, request);
        Message reply = consumer.receive(10_000);
        if (reply == null || !JMSManagementHelper.hasOperationSucceeded(reply)) {
          throw new IllegalStateException("the broker did not empty " + queue);
        }
      }
    } catch (Exception e) {
      throw new IllegalStateException("cannot empty " + queue + ": " + e, e);
    }
  }

  /** What an admin sees on {@code queue}, without consuming it. */
  List<Browsed> browse(String queue) {
    List<Browsed> seen = new ArrayList<>();
    try (JMSContext context = admin();
        QueueBrowser browser = context.createBrowser(context.createQueue(queue))) {
      Enumeration<?> messages = browser.getEnumeration();
      while (messages.hasMoreElements()) {
        Message message = (Message) messages.nextElement();
        Map<String, String> properties = new HashMap<>();
        for (Enumeration<?> names = message.getPropertyNames(); names.hasMoreElements(); ) {
          String name = (String) names.nextElement();
          Object value = message.getObjectProperty(name);
          properties.put(name, value == null ? null : value.toString());
        }
        byte[] body =
            message instanceof BytesMessage bytes ? bytes.getBody(byte[].class) : new byte[0];
        seen.add(new Browsed(properties, body == null ? new byte[0] : body));
      }
    } catch (JMSException e) {
      throw new IllegalStateException("cannot browse " + queue, e);
    }
    return seen;
  }

  /** One message as a browsing admin saw it. */
  record Browsed(Map<String, String> properties, byte[] body) {

    String property(String name) {
      return properties.get(name);
    }
  }

  Path instance() {
    return instance;
  }

  @Override
  public void close() {
    stop();
  }
}
