package io.outpost.hq.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outpost.message.Addresses;
import io.outpost.outlet.OutletConfig;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.QueueBrowser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the broker lets an outlet do, with the login an outlet's own configuration gives it (broker
 * URL, login and password file, as {@code bin/outlet} reads them). broker-config's own tests cover
 * each grant in depth; these check that a provisioned outlet really is held to its own addresses.
 */
class AuthorizationTest {

  @TempDir static Path dir;

  private static LiveBroker broker;
  private static OutletSite outletOne;
  private static OutletConfig configOne;

  @BeforeAll
  static void start() throws Exception {
    Fleet fleet = Fleet.shared();
    broker = LiveBroker.start(dir.resolve("broker"));
    outletOne = new OutletSite(Fleet.OUTLET_1, fleet, broker, dir.resolve("one"));
    configOne = OutletConfig.load(Optional.empty(), outletOne.environment(), dir);
  }

  @AfterAll
  static void stop() throws Exception {
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void outletLogin_mayOnlySendToHqAndReadItsOwnInbox() throws Exception {
    String other = Addresses.inbox(Fleet.OUTLET_2);
    String own = Addresses.inbox(Fleet.OUTLET_1);
    Map<String, Consumer<JMSContext>> refused = new LinkedHashMap<>();
    refused.put("consume " + Addresses.CLOSINGS, c -> consume(c, Addresses.CLOSINGS));
    refused.put("consume " + Addresses.MENU_REQUESTS, c -> consume(c, Addresses.MENU_REQUESTS));
    refused.put("consume " + other, c -> consume(c, other));
    refused.put("consume " + Addresses.QUARANTINE, c -> consume(c, Addresses.QUARANTINE));
    refused.put("browse " + Addresses.CLOSINGS, c -> browse(c, Addresses.CLOSINGS));
    refused.put("browse " + other, c -> browse(c, other));
    refused.put("send to " + other, c -> send(c, other));
    refused.put("send to " + own, c -> send(c, own));
    refused.put("send to " + Addresses.QUARANTINE, c -> send(c, Addresses.QUARANTINE));

    List<String> allowed = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    try (JMSContext context = loginAsConfigured()) {
      // The login itself works: it reads its own inbox and sends to HQ's queues.
      consume(context, own);
      send(context, Addresses.CLOSINGS);
      send(context, Addresses.MENU_REQUESTS);
      for (Map.Entry<String, Consumer<JMSContext>> attempt : refused.entrySet()) {
        try {
          attempt.getValue().accept(context);
          allowed.add(attempt.getKey());
        } catch (JMSSecurityRuntimeException expected) {
          if (!String.valueOf(expected.getMessage()).contains(Fleet.OUTLET_1)) {
            failures.add(attempt.getKey() + " refused without naming the user: " + expected);
          }
        }
      }
    } finally {
      broker.drain();
    }
    assertThat(allowed).as("what %s's login was allowed to do", Fleet.OUTLET_1).isEmpty();
    assertThat(failures).isEmpty();
  }

  @Test
  void outletTools_withAnotherOutletsLoginAndOwnPassword_areRefusedAtLogin() throws Exception {
    Run menu = outletOne.outletWith(Map.of("OUTPOST_BROKER_USER", Fleet.OUTLET_2), "menu");

    assertThat(menu.code()).as(menu.transcript()).isEqualTo(1);
    assertThat(menu.errLines())
        .singleElement()
        .asString()
        .contains("does not allow us to log in")
        .contains("'" + Fleet.OUTLET_2 + "'");
    assertThat(broker.depth(Addresses.MENU_REQUESTS)).isZero();
  }

  @Test
  void clientWithoutLogin_orWithAWrongPassword_isRefused() {
    assertThatThrownBy(() -> broker.connect(null, null).close())
        .isInstanceOf(JMSSecurityRuntimeException.class);
    assertThatThrownBy(() -> broker.connect(Fleet.OUTLET_2, password(configOne)).close())
        .isInstanceOf(JMSSecurityRuntimeException.class);
  }

  /** A context opened exactly as the outlet's configuration says: URL, login, password file. */
  private static JMSContext loginAsConfigured() {
    assertThat(configOne.brokerUrl()).isEqualTo(broker.url());
    return broker.connect(configOne.brokerUserOr(Fleet.OUTLET_1), password(configOne));
  }

  private static String password(OutletConfig config) {
    try {
      return Files.readAllLines(config.brokerPasswordFile(), StandardCharsets.UTF_8).get(0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void consume(JMSContext context, String queue) {
    context.createConsumer(context.createQueue(queue)).close();
  }

  private static void browse(JMSContext context, String queue) {
    try (QueueBrowser browser = context.createBrowser(context.createQueue(queue))) {
      browser.getEnumeration().hasMoreElements();
    } catch (JMSSecurityException e) {
      throw new JMSSecurityRuntimeException(e.getMessage(), e.getErrorCode(), e);
    } catch (JMSException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void send(JMSContext context, String queue) {
    context.createProducer().send(context.createQueue(queue), new byte[] {1});
  }
}
