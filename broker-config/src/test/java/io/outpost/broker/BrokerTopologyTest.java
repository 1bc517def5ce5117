package io.outpost.broker;

import static io.outpost.broker.TestInstances.ADMIN;
import static io.outpost.broker.TestInstances.HQ;
import static io.outpost.broker.TestInstances.OUTLET_A;
import static io.outpost.broker.TestInstances.OUTLET_B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.QueueBrowser;
import jakarta.jms.TextMessage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.UUID;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.settings.impl.AddressFullMessagePolicy;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.core.settings.impl.PageFullMessagePolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What broker.xml and the per-outlet settings make of the broker: addresses, permissions, limits.
 */
class BrokerTopologyTest {

  private static final String CLOSINGS = "outpost.closings";
  private static final String MENU_REQUESTS = "outpost.menu.requests";
  private static final String QUARANTINE = "outpost.quarantine";
  private static final String INBOX_A = "outpost.outlet." + OUTLET_A + ".inbox";
  private static final String INBOX_B = "outpost.outlet." + OUTLET_B + ".inbox";
  private static final long WAIT = 5_000;

  @TempDir Path dir;
  private EmbeddedBroker broker;

  @BeforeEach
  void startBroker() throws BrokerException {
    broker = TestInstances.start(dir);
  }

  @AfterEach
  void stopBroker() throws BrokerException {
    broker.close();
  }

  @Test
  void start_declaresEveryQueueAnycastAndDurable() {
    List<String> failures = new ArrayList<>();
    for (String name :
        List.of(CLOSINGS, MENU_REQUESTS, QUARANTINE, INBOX_A, INBOX_B, "DLQ", "ExpiryQueue")) {
      Queue queue = broker.server().locateQueue(SimpleString.of(name));
      if (queue == null) {
        failures.add(name + " missing");
      } else if (!queue.isDurable() || queue.getRoutingType() != RoutingType.ANYCAST) {
        failures.add(name + " durable=" + queue.isDurable() + " " + queue.getRoutingType());
      }
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void send_toUndeclaredOutpostAddress_isRefusedAndCreatesNothing() {
    AddressSettings settings =
        broker.server().getAddressSettingsRepository().getMatch("outpost.foo");
    assertThat(settings.isAutoCreateAddresses()).isFalse();
    assertThat(settings.isAutoCreateQueues()).isFalse();
    assertThat(settings.isAutoDeleteAddresses()).isFalse();
    assertThat(settings.isAutoDeleteQueues()).isFalse();

    for (String user : List.of(HQ, ADMIN, OUTLET_A)) {
      try (Client client = Client.login(broker, user)) {
        assertThatThrownBy(() -> client.send("outpost.foo", "x"))
            .as(user)
            .isInstanceOfAny(JMSRuntimeException.class, JMSException.class);
      }
    }
    assertThat(broker.server().getAddressInfo(SimpleString.of("outpost.foo"))).isNull();
  }

  @Test
  void outlet_sendsClosingAndMenuRequest_hqReceivesThemWithValidatedUser() throws JMSException {
    try (Client outlet = Client.login(broker, OUTLET_A)) {
      outlet.send(CLOSINGS, "sealed closing");
      outlet.send(MENU_REQUESTS, "signed menu request");
    }
    try (Client hq = Client.login(broker, HQ)) {
      Message closing = hq.receive(CLOSINGS, WAIT);
      Message request = hq.receive(MENU_REQUESTS, WAIT);
      assertThat(((TextMessage) closing).getText()).isEqualTo("sealed closing");
      assertThat(closing.getStringProperty("_AMQ_VALIDATED_USER")).isEqualTo(OUTLET_A);
      assertThat(request.getStringProperty("_AMQ_VALIDATED_USER")).isEqualTo(OUTLET_A);
    }
  }

  @Test
  void validatedUser_setByTheClient_isOverwrittenByTheBroker() throws JMSException {
    try (Client outlet = Client.login(broker, OUTLET_A)) {
      Message forged = outlet.context().createTextMessage("claims to be B");
      forged.setStringProperty("_AMQ_VALIDATED_USER", OUTLET_B);
      outlet.context().createProducer().send(outlet.context().createQueue(CLOSINGS), forged);
    }
    try (Client hq = Client.login(broker, HQ)) {
      assertThat(hq.receive(CLOSINGS, WAIT).getStringProperty("_AMQ_VALIDATED_USER"))
          .isEqualTo(OUTLET_A);
    }
  }

  @Test
  void outlet_consumesOwnInbox() throws JMSException {
    try (Client hq = Client.login(broker, HQ)) {
      hq.send(INBOX_A, "signed menu");
    }
    try (Client outlet = Client.login(broker, OUTLET_A)) {
      assertThat(((TextMessage) outlet.receive(INBOX_A, WAIT)).getText()).isEqualTo("signed menu");
    }
  }

  @Test
  void outlet_cannotConsumeOrBrowseWhatIsNotItsOwn() {
    List<String> failures = new ArrayList<>();
    try (Client outlet = Client.login(broker, OUTLET_A)) {
      for (String queue : List.of(CLOSINGS, MENU_REQUESTS, QUARANTINE, INBOX_B, "DLQ")) {
        if (!refused(() -> outlet.receive(queue, 100))) {
          failures.add("consumed " + queue);
        }
        if (!refused(() -> browse(outlet.context(), queue))) {
          failures.add("browsed " + queue);
        }
      }
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void outlet_cannotSendToAnyInboxOrQuarantine() {
    List<String> failures = new ArrayList<>();
    try (Client outlet = Client.login(broker, OUTLET_A)) {
      for (String queue : List.of(INBOX_A, INBOX_B, QUARANTINE, "DLQ")) {
        if (!refused(() -> outlet.send(queue, "forged"))) {
          failures.add("sent to " + queue);
        }
      }
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void outlet_cannotLogInWithAnotherOutletsNameOrAWrongPassword() {
    String url = broker.url();
    int mode = JMSContext.AUTO_ACKNOWLEDGE;
    String passwordA = TestInstances.password(OUTLET_A);
    assertThatThrownBy(() -> Client.login(url, OUTLET_B, passwordA, mode).close())
        .isInstanceOf(JMSSecurityRuntimeException.class);
    assertThatThrownBy(() -> Client.login(url, OUTLET_A, passwordA + "x", mode).close())
        .isInstanceOf(JMSSecurityRuntimeException.class);
    assertThatThrownBy(() -> Client.login(url, "outlet-z", passwordA, mode).close())
        .isInstanceOf(JMSSecurityRuntimeException.class);
  }

  @Test
  void unauthenticatedClient_isRefused() {
    assertThatThrownBy(() -> Client.login(broker.url(), null, null, JMSContext.AUTO_ACKNOWLEDGE))
        .isInstanceOf(JMSSecurityRuntimeException.class);
  }

  @Test
  void hq_consumesClosingsAndSendsToInboxesAndQuarantine() throws JMSException {
    try (Client outlet = Client.login(broker, OUTLET_B)) {
      outlet.send(CLOSINGS, "closing of B");
    }
    try (Client hq = Client.login(broker, HQ)) {
      assertThat(((TextMessage) hq.receive(CLOSINGS, WAIT)).getText()).isEqualTo("closing of B");
      hq.send(INBOX_A, "receipt for A");
      hq.send(INBOX_B, "receipt for B");
      hq.send(QUARANTINE, "refused message");
    }
    try (Client admin = Client.login(broker, ADMIN)) {
      assertThat(((TextMessage) admin.receive(QUARANTINE, WAIT)).getText())
          .isEqualTo("refused message");
    }
    try (Client outlet = Client.login(broker, OUTLET_B)) {
      assertThat(((TextMessage) outlet.receive(INBOX_B, WAIT)).getText())
          .isEqualTo("receipt for B");
    }
  }

  @Test
  void hq_cannotReadInboxesOrQuarantineNorSendClosings() {
    List<String> failures = new ArrayList<>();
    try (Client hq = Client.login(broker, HQ)) {
      for (String queue : List.of(INBOX_A, QUARANTINE, "DLQ")) {
        if (!refused(() -> hq.receive(queue, 100))) {
          failures.add("consumed " + queue);
        }
      }
      for (String queue : List.of(CLOSINGS, MENU_REQUESTS)) {
        if (!refused(() -> hq.send(queue, "forged"))) {
          failures.add("sent to " + queue);
        }
      }
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void admin_browsesClosingsButCannotConsumeThem() throws JMSException {
    try (Client outlet = Client.login(broker, OUTLET_A)) {
      outlet.send(CLOSINGS, "closing");
    }
    try (Client admin = Client.login(broker, ADMIN)) {
      assertThat(browse(admin.context(), CLOSINGS)).hasSize(1);
      assertThat(refused(() -> admin.receive(CLOSINGS, 100))).isTrue();
      assertThat(refused(() -> admin.send(CLOSINGS, "forged"))).isTrue();
    }
  }

  @Test
  void duplicateId_secondMessageIsDropped() throws JMSException {
    String id = UUID.randomUUID().toString();
    try (Client outlet = Client.login(broker, OUTLET_A)) {
      outlet.send(CLOSINGS, "first", id);
      outlet.send(CLOSINGS, "replayed", id);
    }
    try (Client hq = Client.login(broker, HQ)) {
      assertThat(((TextMessage) hq.receive(CLOSINGS, WAIT)).getText()).isEqualTo("first");
      assertThat(hq.receive(CLOSINGS, 500)).isNull();
    }
    assertThat(broker.server().getConfiguration().getIDCacheSize()).isEqualTo(50_000);
    assertThat(broker.server().getConfiguration().isPersistIDCache()).isTrue();
  }

  @Test
  void rolledBackMessage_isRedeliveredWithGrowingDelay() throws JMSException {
    try (Client outlet = Client.login(broker, OUTLET_A)) {
      outlet.send(CLOSINGS, "closing");
    }
    try (Client hq =
        Client.login(broker.url(), HQ, TestInstances.password(HQ), JMSContext.SESSION_TRANSACTED)) {
      assertThat(hq.receive(CLOSINGS, WAIT)).isNotNull();
      long first = System.nanoTime();
      hq.context().rollback();
      assertThat(hq.receive(CLOSINGS, WAIT)).isNotNull();
      long second = System.nanoTime();
      hq.context().rollback();
      assertThat(hq.receive(CLOSINGS, WAIT)).isNotNull();
      long third = System.nanoTime();
      hq.context().commit();

      assertThat((second - first) / 1_000_000).isGreaterThanOrEqualTo(900);
      assertThat((third - second) / 1_000_000).isGreaterThanOrEqualTo(1_800);
    }
  }

  @Test
  void message_failingMaxDeliveryAttempts_landsInDlq() throws JMSException {
    AddressSettings configured = broker.server().getAddressSettingsRepository().getMatch(CLOSINGS);
    int attempts = configured.getMaxDeliveryAttempts();
    assertThat(attempts).isEqualTo(10);
    assertThat(configured.getDeadLetterAddress().toString()).isEqualTo("DLQ");
    // Only the waiting between attempts is shortened; attempts and the DLQ stay as configured.
    broker
        .server()
        .getAddressSettingsRepository()
        .addMatch(CLOSINGS, new AddressSettings().setRedeliveryDelay(0L));

    try (Client outlet = Client.login(broker, OUTLET_A)) {
      outlet.send(CLOSINGS, "poison");
    }
    try (Client hq =
        Client.login(broker.url(), HQ, TestInstances.password(HQ), JMSContext.SESSION_TRANSACTED)) {
      for (int i = 0; i < attempts; i++) {
        assertThat(hq.receive(CLOSINGS, WAIT)).as("delivery %d", i + 1).isNotNull();
        hq.context().rollback();
      }
      assertThat(hq.receive(CLOSINGS, 500)).isNull();
    }
    try (Client admin = Client.login(broker, ADMIN)) {
      Message dead = admin.receive("DLQ", WAIT);
      assertThat(((TextMessage) dead).getText()).isEqualTo("poison");
      assertThat(dead.getStringProperty("_AMQ_ORIG_ADDRESS")).isEqualTo(CLOSINGS);
    }
  }

  @Test
  void outpostAddresses_pageToDiskAndExpireToExpiryQueue() {
    List<String> failures = new ArrayList<>();
    for (String address : List.of(CLOSINGS, MENU_REQUESTS, QUARANTINE, INBOX_A)) {
      AddressSettings s = broker.server().getAddressSettingsRepository().getMatch(address);
      if (s.getAddressFullMessagePolicy() != AddressFullMessagePolicy.PAGE
          || s.getMaxSizeBytes() <= 0
          || s.getPageLimitBytes() == null
          || s.getPageLimitBytes() <= 0
          || s.getPageFullMessagePolicy() != PageFullMessagePolicy.FAIL
          || !SimpleString.of("ExpiryQueue").equals(s.getExpiryAddress())
          || s.getRedeliveryMultiplier() <= 1.0
          || s.getMaxRedeliveryDelay() < s.getRedeliveryDelay()) {
        failures.add(address + ": " + s);
      }
    }
    assertThat(failures).isEmpty();
  }

  private static List<Message> browse(JMSContext context, String queue) throws JMSException {
    try (QueueBrowser browser = context.createBrowser(context.createQueue(queue))) {
      List<Message> messages = new ArrayList<>();
      Enumeration<?> enumeration = browser.getEnumeration();
      while (enumeration.hasMoreElements()) {
        messages.add((Message) enumeration.nextElement());
      }
      return messages;
    }
  }

  /** Whether the broker refused the action for lack of permission. */
  private static boolean refused(JmsAction action) {
    try {
      action.run();
      return false;
    } catch (JMSSecurityRuntimeException | jakarta.jms.JMSSecurityException e) {
      return true;
    } catch (Exception e) {
      throw new AssertionError("expected a security refusal, got " + e, e);
    }
  }

  /** A client action that may be refused. */
  @FunctionalInterface
  private interface JmsAction {
    void run() throws Exception;
  }
}
