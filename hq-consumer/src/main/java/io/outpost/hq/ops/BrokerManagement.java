package io.outpost.hq.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outpost.hq.core.HqException;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.activemq.artemis.api.jms.management.JMSManagementHelper;

/**
 * Reads queue facts from Artemis management: request messages to {@code activemq.management},
 * answered on a temporary queue. Only attributes and counting operations are used: nothing here
 * changes the broker. The login needs the broker's {@code manage} permission (the admin role).
 */
public final class BrokerManagement implements AutoCloseable {

  static final String MANAGEMENT_ADDRESS = "activemq.management";

  /** Queues HQ's operators look at besides Outpost's own ({@code outpost.*}). */
  static final List<String> DEAD_LETTER_QUEUES = List.of("DLQ", "ExpiryQueue");

  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Connection connection;
  private final Session session;
  private final Queue management;
  private final TemporaryQueue replies;
  private final MessageConsumer replyConsumer;
  private final MessageProducer producer;

  private BrokerManagement(Connection connection) throws JMSException {
    this.connection = connection;
    this.session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
    this.management = session.createQueue(MANAGEMENT_ADDRESS);
    this.replies = session.createTemporaryQueue();
    this.replyConsumer = session.createConsumer(replies);
    this.producer = session.createProducer(management);
    connection.start();
  }

  /**
   * Connects with {@code login}.
   *
   * @throws HqException BROKER when the broker cannot be reached or refuses the login
   */
  public static BrokerManagement open(BrokerLogin login) throws HqException {
    Connection connection = null;
    try {
      connection = login.factory().createConnection();
      return new BrokerManagement(connection);
    } catch (JMSException | RuntimeException e) {
      closeQuietly(connection);
      throw BrokerErrors.unreachable(login, e);
    }
  }

  /**
   * Outpost's queues ({@code outpost.*}), then DLQ and ExpiryQueue: closings and menu requests
   * first, then the outlets' inboxes, the quarantine and the dead-letter queues.
   */
  public List<QueueFacts> outpostQueues() throws HqException {
    List<String> names = new ArrayList<>();
    for (String name : queueNames()) {
      if (name.startsWith("outpost.") || DEAD_LETTER_QUEUES.contains(name)) {
        names.add(name);
      }
    }
    names.sort(Comparator.comparingInt(BrokerManagement::rank).thenComparing(n -> n));
    List<QueueFacts> facts = new ArrayList<>(names.size());
    for (String name : names) {
      facts.add(queue(name));
    }
    return facts;
  }

  /** Every queue the broker has. */
  public List<String> queueNames() throws HqException {
    Object result = attribute(ResourceNames.BROKER, "queueNames");
    List<String> names = new ArrayList<>();
    if (result instanceof Object[] array) {
      Arrays.stream(array).map(String::valueOf).forEach(names::add);
    } else if (result != null) {
      names.addAll(parse(String.valueOf(result), new TypeReference<List<String>>() {}));
    }
    return names;
  }

  /** One queue's depth, in-flight count, consumers and the age of its oldest message. */
  public QueueFacts queue(String name) throws HqException {
    String resource = ResourceNames.QUEUE + name;
    long messages = number(attribute(resource, "messageCount"));
    long delivering = number(attribute(resource, "deliveringCount"));
    long consumers = number(attribute(resource, "consumerCount"));
    Object age = messages == 0 ? null : attribute(resource, "firstMessageAge");
    return new QueueFacts(name, messages, delivering, consumers, age == null ? null : number(age));
  }

  /** How many messages of {@code queue} match a selector ({@code ""} for all). */
  public long countMessages(String queue, String filter) throws HqException {
    return number(operation(ResourceNames.QUEUE + queue, "countMessages", filter));
  }

  /** The messages of {@code queue} counted by the value of one property. */
  public Map<String, Long> countMessagesBy(String queue, String property) throws HqException {
    Object result = operation(ResourceNames.QUEUE + queue, "countMessages", "", property);
    if (result == null) {
      return Map.of();
    }
    Map<String, Long> counts = new LinkedHashMap<>();
    parse(String.valueOf(result), new TypeReference<Map<String, Long>>() {}).forEach(counts::put);
    return counts;
  }

  private Object attribute(String resource, String attribute) throws HqException {
    return request(
        resource + "." + attribute, m -> JMSManagementHelper.putAttribute(m, resource, attribute));
  }

  private Object operation(String resource, String operation, Object... parameters)
      throws HqException {
    return request(
        resource + "." + operation,
        m -> JMSManagementHelper.putOperationInvocation(m, resource, operation, parameters));
  }

  /** A request to fill in. */
  @FunctionalInterface
  private interface Request {
    void fill(Message message) throws Exception;
  }

  private synchronized Object request(String what, Request request) throws HqException {
    Message reply;
    try {
      Message message = session.createMessage();
      request.fill(message);
      message.setJMSReplyTo(replies);
      producer.send(message);
      reply = replyConsumer.receive(TIMEOUT.toMillis());
    } catch (Exception e) {
      throw new HqException(
          HqException.Reason.BROKER,
          "management request " + what + " failed: " + e.getMessage(),
          e);
    }
    if (reply == null) {
      throw new HqException(
          HqException.Reason.BROKER,
          "the broker did not answer the management request "
              + what
              + " within "
              + TIMEOUT.toSeconds()
              + " s");
    }
    try {
      if (!JMSManagementHelper.hasOperationSucceeded(reply)) {
        throw new HqException(
            HqException.Reason.BROKER,
            "the broker refused the management request "
                + what
                + ": "
                + JMSManagementHelper.getResult(reply));
      }
      return JMSManagementHelper.getResult(reply);
    } catch (HqException e) {
      throw e;
    } catch (Exception e) {
      throw new HqException(
          HqException.Reason.BROKER,
          "cannot read the answer to " + what + ": " + e.getMessage(),
          e);
    }
  }

  private static long number(Object value) throws HqException {
    if (value instanceof Number n) {
      return n.longValue();
    }
    try {
      return Long.parseLong(String.valueOf(value));
    } catch (NumberFormatException e) {
      throw new HqException(
          HqException.Reason.BROKER, "the broker answered '" + value + "' where a number belongs");
    }
  }

  private static <T> T parse(String json, TypeReference<T> type) throws HqException {
    try {
      return JSON.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new HqException(
          HqException.Reason.BROKER, "cannot read the broker's answer: " + e.getOriginalMessage());
    }
  }

  private static int rank(String name) {
    if (name.equals("outpost.closings")) {
      return 0;
    }
    if (name.equals("outpost.menu.requests")) {
      return 1;
    }
    if (name.startsWith("outpost.outlet.")) {
      return 2;
    }
    if (name.startsWith("outpost.")) {
      return 3;
    }
    return 4;
  }

  @Override
  public void close() {
    closeQuietly(connection);
  }

  static void closeQuietly(Connection connection) {
    if (connection != null) {
      try {
        connection.close();
      } catch (JMSException | RuntimeException e) {
        // A broken connection cannot be closed cleanly; there is nothing left to release.
      }
    }
  }
}
