package io.outpost.outlet;

import io.outpost.message.Addresses;
import io.outpost.message.WireProperties;
import io.outpost.outlet.OutletException.Reason;
import jakarta.jms.BytesMessage;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.Message;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * Artemis over JMS. Sends are persistent and block until the broker has stored them (Artemis's
 * blockOnDurableSend), so "sent" means on the broker's disk. The inbox is read in a transacted
 * session: a message leaves the inbox only after the outlet recorded what it says.
 */
final class JmsBrokerLink implements BrokerLink {

  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  private final String url;
  private final String user;
  private final String password;
  private final String outletId;
  private final int attempts;
  private final Duration backoff;
  private final Consumer<String> notices;

  JmsBrokerLink(
      String url,
      String user,
      String password,
      String outletId,
      int attempts,
      Duration backoff,
      Consumer<String> notices) {
    this.url = url;
    this.user = user;
    this.password = password;
    this.outletId = outletId;
    this.attempts = attempts;
    this.backoff = backoff;
    this.notices = notices;
  }

  @Override
  public Session connect() throws OutletException {
    Duration wait = backoff;
    JMSRuntimeException last = null;
    for (int attempt = 1; attempt <= attempts; attempt++) {
      ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url, user, password);
      try {
        factory.setBlockOnDurableSend(true);
        factory.setBlockOnAcknowledge(true);
        factory.setInitialConnectAttempts(1);
        factory.setReconnectAttempts(0);
        JMSContext sender = factory.createContext(JMSContext.AUTO_ACKNOWLEDGE);
        try {
          JMSContext receiver = sender.createContext(JMSContext.SESSION_TRANSACTED);
          return new JmsSession(factory, sender, receiver);
        } catch (JMSRuntimeException e) {
          sender.close();
          throw e;
        }
      } catch (JMSSecurityRuntimeException e) {
        factory.close();
        throw notAuthorized("log in as '" + user + "'", e);
      } catch (JMSRuntimeException e) {
        factory.close();
        last = e;
        if (attempt < attempts) {
          notices.accept(
              "broker "
                  + url
                  + " unreachable (attempt "
                  + attempt
                  + " of "
                  + attempts
                  + "); retrying in "
                  + wait.toMillis()
                  + " ms");
          sleep(wait);
          wait =
              wait.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait.multipliedBy(2);
        }
      } catch (IllegalArgumentException e) {
        factory.close();
        throw new OutletException(
            Reason.CONFIG, "broker.url '" + url + "' is not usable: " + e.getMessage(), e);
      }
    }
    throw new OutletException(
        Reason.OFFLINE,
        "offline: broker "
            + url
            + " unreachable after "
            + attempts
            + " attempts ("
            + rootMessage(last)
            + ")",
        last);
  }

  private static void sleep(Duration wait) throws OutletException {
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OutletException(Reason.OFFLINE, "interrupted while waiting for the broker", e);
    }
  }

  private OutletException notAuthorized(String what, JMSSecurityRuntimeException e) {
    return new OutletException(
        Reason.NOT_AUTHORIZED,
        "the broker does not allow us to "
            + what
            + " ("
            + rootMessage(e)
            + "); check broker.user and broker.passwordFile and the outlet's broker account");
  }

  private static String rootMessage(Throwable e) {
    if (e == null) {
      return "no attempt made";
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }

  /** One connection: a plain context for sends, a transacted one sharing it for the inbox. */
  private final class JmsSession implements Session {

    private final ActiveMQConnectionFactory factory;
    private final JMSContext sender;
    private final JMSContext receiver;
    private final Map<String, JMSConsumer> consumers = new HashMap<>();

    JmsSession(ActiveMQConnectionFactory factory, JMSContext sender, JMSContext receiver) {
      this.factory = factory;
      this.sender = sender;
      this.receiver = receiver;
    }

    @Override
    public void send(OutgoingMessage message) throws OutletException {
      try {
        BytesMessage jms = sender.createBytesMessage();
        jms.writeBytes(message.body());
        jms.setStringProperty(WireProperties.TYPE, message.type());
        jms.setStringProperty(WireProperties.FROM, outletId);
        jms.setStringProperty(WireProperties.DUPLICATE_ID, message.messageId().toString());
        if (message.correlationId() != null) {
          jms.setJMSCorrelationID(message.correlationId());
        }
        sender
            .createProducer()
            .setDeliveryMode(DeliveryMode.PERSISTENT)
            .send(sender.createQueue(message.address()), jms);
      } catch (JMSSecurityRuntimeException e) {
        throw notAuthorized("send to " + message.address(), e);
      } catch (JMSException | JMSRuntimeException e) {
        throw new OutletException(
            Reason.OFFLINE,
            "offline: lost the broker while sending "
                + message.messageId()
                + " ("
                + rootMessage(e)
                + ")",
            e);
      }
    }

    @Override
    public boolean receive(String type, Duration timeout, InboxHandler handler)
        throws OutletException {
      Message jms;
      try {
        JMSConsumer consumer = consumers.computeIfAbsent(type, this::consumer);
        jms = timeout.isZero() ? consumer.receiveNoWait() : consumer.receive(timeout.toMillis());
      } catch (JMSSecurityRuntimeException e) {
        throw notAuthorized("read " + Addresses.inbox(outletId), e);
      } catch (JMSRuntimeException e) {
        throw new OutletException(
            Reason.OFFLINE,
            "offline: lost the broker while reading the inbox (" + rootMessage(e) + ")",
            e);
      }
      if (jms == null) {
        return false;
      }
      boolean consumed = false;
      try {
        consumed =
            handler.handle(
                new IncomingMessage(
                    jms.getStringProperty(WireProperties.TYPE),
                    jms.getJMSCorrelationID(),
                    jms.getBody(byte[].class)));
      } catch (JMSException e) {
        throw new OutletException(
            Reason.REFUSED, "an inbox message is not a bytes message: " + e.getMessage(), e);
      } finally {
        finish(consumed);
      }
      return true;
    }

    private JMSConsumer consumer(String type) {
      // a selector per type, so that a menu wait leaves receipts for flush and the other way round
      return receiver.createConsumer(
          receiver.createQueue(Addresses.inbox(outletId)),
          WireProperties.TYPE + " = '" + type.replace("'", "''") + "'");
    }

    private void finish(boolean consumed) throws OutletException {
      try {
        if (consumed) {
          receiver.commit();
        } else {
          receiver.rollback();
        }
      } catch (JMSRuntimeException e) {
        throw new OutletException(
            Reason.OFFLINE,
            "offline: lost the broker while reading the inbox (" + rootMessage(e) + ")",
            e);
      }
    }

    @Override
    public void close() {
      try {
        receiver.close();
      } catch (JMSRuntimeException e) {
        // the connection is gone already
      }
      try {
        sender.close();
      } catch (JMSRuntimeException e) {
        // the connection is gone already
      }
      factory.close();
    }
  }
}
