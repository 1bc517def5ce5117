package io.outpost.outlet;

import io.outpost.message.Addresses;
import io.outpost.message.SecureMessageException;
import io.outpost.message.SecureMessages;
import io.outpost.message.Verified;
import io.outpost.message.WireProperties;
import io.outpost.message.payload.Closing;
import io.outpost.message.payload.MenuRequest;
import io.outpost.message.payload.Receipt;
import io.outpost.message.payload.ReceiptEntry;
import jakarta.jms.BytesMessage;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * HQ as far as the outlet can tell: logs in as hq, opens closings with real crypto, answers with
 * one signed receipt per batch, and answers menu requests. It can be told to misbehave.
 */
final class TestHq implements AutoCloseable {

  private final ActiveMQConnectionFactory factory;
  private final JMSContext context;
  private final JMSConsumer closings;
  private final JMSConsumer menuRequests;
  private final SecureMessages messages;
  private final String outletId;
  final List<Closing> received = new CopyOnWriteArrayList<>();
  volatile SecureMessages receiptSigner;
  volatile UnaryOperator<ReceiptEntry> entryTamper = UnaryOperator.identity();
  private Thread loop;
  private volatile boolean running;

  TestHq(String url, SecureMessages messages, String outletId) {
    this.factory =
        new ActiveMQConnectionFactory(url, TestParties.HQ, TestBroker.password(TestParties.HQ));
    this.context = factory.createContext(JMSContext.AUTO_ACKNOWLEDGE);
    this.closings = context.createConsumer(context.createQueue(Addresses.CLOSINGS));
    this.menuRequests = context.createConsumer(context.createQueue(Addresses.MENU_REQUESTS));
    this.messages = messages;
    this.receiptSigner = messages;
    this.outletId = outletId;
  }

  /**
   * Opens every closing that arrives within {@code waitMillis} and answers them with one receipt.
   */
  synchronized int answerClosings(long waitMillis) throws Exception {
    List<ReceiptEntry> entries = new ArrayList<>();
    Message message = closings.receive(waitMillis);
    while (message != null) {
      Verified<Closing> verified = messages.openClosing(message.getBody(byte[].class));
      received.add(verified.payload());
      entries.add(
          entryTamper.apply(
              new ReceiptEntry(
                  verified.payload().messageId(),
                  verified.contentDigest(),
                  verified.payload().businessDate(),
                  verified.payload().sequence(),
                  ReceiptEntry.Outcome.STORED,
                  null)));
      message = closings.receive(200);
    }
    if (!entries.isEmpty()) {
      Receipt receipt =
          new Receipt(UUID.randomUUID(), TestParties.HQ, outletId, Instant.now(), entries);
      send(receiptSigner.sign(receipt), WireProperties.TYPE_RECEIPT, receipt.messageId(), null);
    }
    return entries.size();
  }

  /** Answers one menu request with {@code signedMenu}, or with nothing when there is none. */
  synchronized boolean answerMenuRequest(byte[] signedMenu, long waitMillis) throws Exception {
    Message message = menuRequests.receive(waitMillis);
    if (message == null) {
      return false;
    }
    Verified<MenuRequest> request =
        messages.openSigned(message.getBody(byte[].class), MenuRequest.class);
    send(
        signedMenu,
        WireProperties.TYPE_MENU,
        UUID.randomUUID(),
        request.payload().messageId().toString());
    return true;
  }

  /** Sends a menu on the inbox as an answer to an earlier request. */
  void sendMenu(byte[] signedMenu, String correlationId) {
    send(signedMenu, WireProperties.TYPE_MENU, UUID.randomUUID(), correlationId);
  }

  /** Sends a signed key announcement to the outlet's inbox, as 'hq keys announce' does. */
  void sendKeyAnnouncement(byte[] signed, UUID messageId) {
    send(signed, WireProperties.TYPE_KEY_ANNOUNCEMENT, messageId, null);
  }

  private void send(byte[] body, String type, UUID id, String correlationId) {
    BytesMessage reply = context.createBytesMessage();
    try {
      reply.writeBytes(body);
      reply.setStringProperty(WireProperties.TYPE, type);
      reply.setStringProperty(WireProperties.FROM, TestParties.HQ);
      reply.setStringProperty(WireProperties.DUPLICATE_ID, id.toString());
      if (correlationId != null) {
        reply.setJMSCorrelationID(correlationId);
      }
    } catch (jakarta.jms.JMSException e) {
      throw new IllegalStateException(e);
    }
    context
        .createProducer()
        .setDeliveryMode(DeliveryMode.PERSISTENT)
        .send(context.createQueue(Addresses.inbox(outletId)), reply);
  }

  /** Answers closings in the background until closed. */
  TestHq startAnswering() {
    running = true;
    loop =
        new Thread(
            () -> {
              while (running) {
                try {
                  answerClosings(100);
                } catch (SecureMessageException e) {
                  throw new IllegalStateException(e);
                } catch (Exception e) {
                  if (running) {
                    throw new IllegalStateException(e);
                  }
                }
              }
            },
            "test-hq");
    loop.setDaemon(true);
    loop.start();
    return this;
  }

  @Override
  public void close() {
    running = false;
    if (loop != null) {
      try {
        loop.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    context.close();
    factory.close();
  }
}
