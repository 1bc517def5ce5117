package io.outpost.hq.ops;

import io.outpost.hq.core.HqException;
import io.outpost.message.Addresses;
import io.outpost.message.WireProperties;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code outpost.quarantine} seen by an admin: browsed without consuming, one message found or
 * removed by its id. The broker grants consuming and browsing it to the admin role only.
 */
public final class QuarantineQueue implements AutoCloseable {

  /** Properties HQ sets on what it quarantines, beside {@link WireProperties}. */
  static final String CLAIMED_FROM = "outpostClaimedFrom";

  static final String BROKER_USER = "outpostBrokerUser";

  private static final long REMOVE_WAIT_MILLIS = 2_000;

  /** A quarantined message and its body, for a release. */
  public record Found(QuarantinedMessage message, byte[] body) {}

  private final Connection connection;
  private final BrokerLogin login;

  private QuarantineQueue(Connection connection, BrokerLogin login) {
    this.connection = connection;
    this.login = login;
  }

  /**
   * Connects with {@code login} (the admin's).
   *
   * @throws HqException BROKER when the broker cannot be reached or refuses the login
   */
  public static QuarantineQueue open(BrokerLogin login) throws HqException {
    Connection connection = null;
    try {
      connection = login.factory().createConnection();
      connection.start();
      return new QuarantineQueue(connection, login);
    } catch (JMSException | RuntimeException e) {
      BrokerManagement.closeQuietly(connection);
      throw BrokerErrors.unreachable(login, e);
    }
  }

  /** Up to {@code limit} messages, oldest first, without consuming them. */
  public List<QuarantinedMessage> list(int limit) throws HqException {
    List<QuarantinedMessage> messages = new ArrayList<>();
    browse(null, limit, (message, body) -> messages.add(message));
    return messages;
  }

  /** The message with this id, with its body, without consuming it. */
  public Optional<Found> find(String id) throws HqException {
    List<Found> found = new ArrayList<>();
    browse(selector(id), 1, (message, body) -> found.add(new Found(message, body)));
    return found.stream().findFirst();
  }

  /**
   * Removes the message with this id.
   *
   * @return false when no message has that id (any more)
   */
  public boolean remove(String id) throws HqException {
    String selector = selector(id);
    try (Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
        MessageConsumer consumer = session.createConsumer(quarantine(session), selector)) {
      Message message = consumer.receive(REMOVE_WAIT_MILLIS);
      if (message == null) {
        session.rollback();
        return false;
      }
      session.commit();
      return true;
    } catch (JMSException | RuntimeException e) {
      throw failed("remove " + id + " from", e);
    }
  }

  @Override
  public void close() {
    BrokerManagement.closeQuietly(connection);
  }

  /** What a browse hands on, message by message. */
  @FunctionalInterface
  private interface Visitor {
    void visit(QuarantinedMessage message, byte[] body);
  }

  private void browse(String selector, int limit, Visitor visitor) throws HqException {
    try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        QueueBrowser browser = session.createBrowser(quarantine(session), selector)) {
      Enumeration<?> messages = browser.getEnumeration();
      int seen = 0;
      while (seen < limit && messages.hasMoreElements()) {
        Message message = (Message) messages.nextElement();
        byte[] body = body(message);
        visitor.visit(describe(message, body), body);
        seen++;
      }
    } catch (JMSException | RuntimeException e) {
      throw failed("browse", e);
    }
  }

  private static Queue quarantine(Session session) throws JMSException {
    return session.createQueue(Addresses.QUARANTINE);
  }

  /**
   * The selector for one id; the id must be a UUID, so that nothing typed by an operator becomes
   * part of a selector.
   */
  static String selector(String id) throws HqException {
    return "JMSMessageID = 'ID:" + canonicalId(id) + "'";
  }

  /** The id as a canonical UUID, with or without the {@code ID:} prefix it was given with. */
  public static String canonicalId(String id) throws HqException {
    String bare = id.startsWith("ID:") ? id.substring(3) : id;
    try {
      return UUID.fromString(bare).toString();
    } catch (IllegalArgumentException e) {
      throw new HqException(
          HqException.Reason.NOT_FOUND,
          "'" + id + "' is not a quarantine id (a UUID, as 'hq quarantine list' shows)");
    }
  }

  static QuarantinedMessage describe(Message message, byte[] body) throws JMSException {
    Map<String, String> properties = new LinkedHashMap<>();
    for (Enumeration<?> names = message.getPropertyNames(); names.hasMoreElements(); ) {
      String name = String.valueOf(names.nextElement());
      properties.put(name, text(message.getObjectProperty(name)));
    }
    String id = message.getJMSMessageID();
    return new QuarantinedMessage(
        id == null ? "" : id.startsWith("ID:") ? id.substring(3) : id,
        Instant.ofEpochMilli(message.getJMSTimestamp()),
        properties.get(WireProperties.REASON),
        properties.get(WireProperties.DETAIL),
        properties.get(WireProperties.TYPE),
        properties.get(CLAIMED_FROM),
        properties.get(BROKER_USER),
        properties.get(WireProperties.DUPLICATE_ID),
        body.length,
        sha256(body),
        properties);
  }

  private static byte[] body(Message message) throws JMSException {
    if (message instanceof BytesMessage bytes) {
      byte[] body = bytes.getBody(byte[].class);
      return body == null ? new byte[0] : body;
    }
    if (message instanceof TextMessage text && text.getText() != null) {
      return text.getText().getBytes(StandardCharsets.UTF_8);
    }
    return new byte[0];
  }

  private static String text(Object value) {
    if (value == null) {
      return null;
    }
    return value instanceof byte[] bytes
        ? new String(bytes, StandardCharsets.UTF_8)
        : value.toString();
  }

  private static String sha256(byte[] body) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  private HqException failed(String what, Exception e) {
    return new HqException(
        HqException.Reason.BROKER,
        "cannot "
            + what
            + " "
            + Addresses.QUARANTINE
            + " at "
            + login.url()
            + " as "
            + login.user()
            + ": "
            + e.getMessage(),
        e);
  }
}
