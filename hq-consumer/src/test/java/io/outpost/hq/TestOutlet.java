package io.outpost.hq;

import io.outpost.keystore.Identity;
import io.outpost.keystore.TestIdentities;
import io.outpost.keystore.TrustStore;
import io.outpost.message.Addresses;
import io.outpost.message.SecureMessages;
import io.outpost.message.Verified;
import io.outpost.message.WireProperties;
import io.outpost.message.payload.Closing;
import io.outpost.message.payload.ClosingLine;
import io.outpost.message.payload.Menu;
import io.outpost.message.payload.MenuRequest;
import io.outpost.message.payload.Receipt;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.UUID;

/**
 * An outlet as the tests play it: it seals with its own identity, pins HQ, and talks to the broker
 * with its own login, as the outlet tools do.
 */
final class TestOutlet {

  private final Identity identity;
  private final SecureMessages messages;
  private final TestBroker broker;

  TestOutlet(Identity identity, TrustStore trust, TestBroker broker) {
    this.identity = identity;
    this.messages = new SecureMessages(identity, trust, Clock.systemUTC());
    this.broker = broker;
  }

  /** An outlet that pins the given HQ. */
  static TestOutlet of(String id, Identity hq, TestBroker broker) {
    return new TestOutlet(
        TestIdentities.of(id), TrustStore.of(List.of(TestIdentities.pin(hq))), broker);
  }

  String id() {
    return identity.id();
  }

  SecureMessages messages() {
    return messages;
  }

  /** A closing of three lines for {@code day}. */
  Closing closing(LocalDate day, long sequence, String previousDigest, UUID amends, String to) {
    List<ClosingLine> lines = new ArrayList<>();
    lines.add(new ClosingLine("COF-1", "Espresso", 40, 250, 10_000));
    lines.add(new ClosingLine("CRO-1", "Croissant", 25, 180, 4_500));
    lines.add(new ClosingLine("SAL-2", "Salad bowl", 7, 890, 6_230));
    long total = lines.stream().mapToLong(ClosingLine::amount).sum();
    return new Closing(
        UUID.randomUUID(),
        id(),
        to,
        Instant.now(),
        day,
        sequence,
        previousDigest,
        amends,
        Currency.getInstance("EUR"),
        lines,
        total);
  }

  Closing closing(LocalDate day, long sequence, String previousDigest) {
    return closing(day, sequence, previousDigest, null, TestBroker.HQ);
  }

  byte[] seal(Closing closing) throws Exception {
    return messages.sealClosing(closing);
  }

  /** Sends as this outlet's broker login, as the outlet's flush does. */
  void sendClosing(byte[] sealed, String duplicateId) throws Exception {
    sendAs(id(), Addresses.CLOSINGS, WireProperties.TYPE_CLOSING, sealed, duplicateId);
  }

  void sendAs(String login, String queue, String type, byte[] body, String duplicateId)
      throws Exception {
    try (JMSContext context = broker.login(login, JMSContext.AUTO_ACKNOWLEDGE)) {
      BytesMessage message = context.createBytesMessage();
      message.writeBytes(body);
      message.setStringProperty(WireProperties.TYPE, type);
      message.setStringProperty(WireProperties.FROM, id());
      message.setStringProperty(WireProperties.DUPLICATE_ID, duplicateId);
      context.createProducer().send(context.createQueue(queue), message);
    }
  }

  /** Sends a text message where a sealed closing belongs, as a broken or hostile client might. */
  void sendText(String login, String text, String duplicateId) {
    try (JMSContext context = broker.login(login, JMSContext.AUTO_ACKNOWLEDGE)) {
      context
          .createProducer()
          .setProperty(WireProperties.TYPE, WireProperties.TYPE_CLOSING)
          .setProperty(WireProperties.DUPLICATE_ID, duplicateId)
          .send(context.createQueue(Addresses.CLOSINGS), text);
    }
  }

  /** Sends a signed menu request; returns its message id. */
  UUID requestMenu(long knownVersion) throws Exception {
    MenuRequest request =
        new MenuRequest(UUID.randomUUID(), id(), TestBroker.HQ, Instant.now(), knownVersion);
    sendAs(
        id(),
        Addresses.MENU_REQUESTS,
        WireProperties.TYPE_MENU_REQUEST,
        messages.sign(request),
        request.messageId().toString());
    return request.messageId();
  }

  /** Everything in this outlet's inbox, waiting up to {@code waitMillis} for the first message. */
  List<Message> inbox(long waitMillis) {
    return broker.receiveAll(id(), Addresses.inbox(id()), waitMillis);
  }

  Verified<Receipt> verifyReceipt(Message message) throws Exception {
    return messages.openSigned(message.getBody(byte[].class), Receipt.class);
  }

  Verified<Menu> verifyMenu(Message message) throws Exception {
    return messages.openSigned(message.getBody(byte[].class), Menu.class);
  }
}
