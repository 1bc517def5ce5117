package io.outpost.hq.jms;

import io.outpost.hq.core.IncomingMessage;
import io.outpost.message.WireProperties;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Reads the parts of a JMS message that HQ looks at. */
final class Messages {

  private static final String DELIVERY_COUNT = "JMSXDeliveryCount";

  private Messages() {}

  static IncomingMessage incoming(Message message) throws JMSException {
    byte[] body;
    if (message instanceof BytesMessage bytes) {
      body = bytes.getBody(byte[].class);
    } else if (message instanceof TextMessage text && text.getText() != null) {
      // Kept so that quarantine holds what was sent, even in the wrong kind of message.
      body = text.getText().getBytes(StandardCharsets.UTF_8);
    } else {
      body = null;
    }
    return new IncomingMessage(
        body == null ? new byte[0] : body,
        message instanceof BytesMessage,
        string(message, WireProperties.VALIDATED_USER),
        string(message, WireProperties.FROM),
        string(message, WireProperties.TYPE),
        string(message, WireProperties.DUPLICATE_ID));
  }

  /** How many of {@code messages} the broker had delivered before (JMSXDeliveryCount above 1). */
  static int redelivered(List<Message> messages) {
    int redelivered = 0;
    for (Message message : messages) {
      try {
        if (message.propertyExists(DELIVERY_COUNT) && message.getIntProperty(DELIVERY_COUNT) > 1) {
          redelivered++;
        }
      } catch (JMSException | NumberFormatException e) {
        // Only a metric depends on it; a message without a readable count is not counted.
      }
    }
    return redelivered;
  }

  /** A property as a string whatever its type, or null; a sender controls types, not HQ. */
  private static String string(Message message, String name) throws JMSException {
    Object value = message.getObjectProperty(name);
    if (value == null) {
      return null;
    }
    // Artemis keeps some properties as SimpleString or bytes; toString gives the text of both.
    return value instanceof byte[] bytes
        ? new String(bytes, StandardCharsets.UTF_8)
        : value.toString();
  }
}
