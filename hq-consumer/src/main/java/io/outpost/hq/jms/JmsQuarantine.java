package io.outpost.hq.jms;

import io.outpost.hq.core.HqException;
import io.outpost.hq.core.IncomingMessage;
import io.outpost.hq.core.Quarantine;
import io.outpost.message.Addresses;
import io.outpost.message.WireProperties;
import jakarta.jms.BytesMessage;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Queue;

/**
 * Quarantines in the consuming context's transaction: the message leaves its queue and reaches
 * quarantine together, or neither happens.
 */
final class JmsQuarantine implements Quarantine {

  /** What the original claimed, kept for operators under HQ's own property names. */
  static final String CLAIMED_FROM = "outpostClaimedFrom";

  static final String BROKER_USER = "outpostBrokerUser";

  private final JMSContext context;
  private final Queue queue;

  JmsQuarantine(JMSContext context) {
    this.context = context;
    this.queue = context.createQueue(Addresses.QUARANTINE);
  }

  @Override
  public void quarantine(IncomingMessage message, String reason, String detail) throws HqException {
    try {
      BytesMessage out = context.createBytesMessage();
      out.writeBytes(message.body());
      out.setStringProperty(WireProperties.REASON, reason);
      out.setStringProperty(WireProperties.DETAIL, detail);
      setIfPresent(out, WireProperties.TYPE, message.type());
      setIfPresent(out, CLAIMED_FROM, message.claimedFrom());
      setIfPresent(out, BROKER_USER, message.validatedUser());
      // The original's duplicate id makes a quarantine redone after a rollback land only once.
      setIfPresent(out, WireProperties.DUPLICATE_ID, message.duplicateId());
      context.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT).send(queue, out);
    } catch (JMSException | JMSRuntimeException e) {
      throw new HqException(
          HqException.Reason.BROKER,
          "cannot send to " + Addresses.QUARANTINE + ": " + e.getMessage(),
          e);
    }
  }

  private static void setIfPresent(BytesMessage message, String name, String value)
      throws JMSException {
    if (value != null) {
      message.setStringProperty(name, value);
    }
  }
}
