package io.outpost.broker;

import static io.outpost.broker.TestInstances.HQ;
import static io.outpost.broker.TestInstances.OUTLET_A;
import static io.outpost.broker.TestInstances.OUTLET_B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting, stopping and reconfiguring the in-JVM broker. */
class EmbeddedBrokerTest {

  private static final String INBOX_A = "outpost.outlet." + OUTLET_A + ".inbox";

  @TempDir Path dir;

  @Test
  void start_portZero_picksFreePortsForBrokersSideBySide() throws BrokerException {
    try (EmbeddedBroker first = TestInstances.start(dir.resolve("first"));
        EmbeddedBroker second = TestInstances.start(dir.resolve("second"))) {
      assertThat(first.port()).isPositive().isNotEqualTo(second.port());
      assertThat(first.url()).isEqualTo("tcp://127.0.0.1:" + first.port());
      assertThat(first.tlsEnabled()).isFalse();
      try (Client a = Client.login(first, HQ);
          Client b = Client.login(second, HQ)) {
        assertThat(a.context()).isNotNull();
        assertThat(b.context()).isNotNull();
      }
    }
  }

  @Test
  void start_keepsEverythingUnderTheInstanceDirectory() throws BrokerException {
    try (EmbeddedBroker broker = TestInstances.start(dir)) {
      assertThat(broker.instanceDir()).isEqualTo(dir.toAbsolutePath().normalize());
      assertThat(dir.resolve("data/journal")).isDirectory();
      assertThat(dir.resolve("data/bindings")).isDirectory();
      assertThat(dir.resolve("etc/broker.properties")).isRegularFile();
    }
  }

  @Test
  void start_plainPasswordInUsersFile_isRefused() throws Exception {
    TestInstances.provision(dir);
    Files.writeString(
        dir.resolve("etc/artemis-users.properties"),
        "intruder = letmein-letmein\n",
        StandardOpenOption.APPEND);

    assertThatThrownBy(() -> EmbeddedBroker.start(BrokerConfig.locate(), dir, 0))
        .isInstanceOf(BrokerException.class)
        .hasMessageContaining("intruder")
        .extracting(e -> ((BrokerException) e).reason())
        .isEqualTo(BrokerException.Reason.CORRUPT_FILE);
  }

  @Test
  void start_outletSettingsArtemisCannotApply_isRefused() throws Exception {
    TestInstances.provision(dir);
    Files.writeString(
        dir.resolve("etc/broker.properties"),
        "securityRoles.\"outpost.closings\".outlet-a.fly=true\n",
        StandardOpenOption.APPEND);

    assertThatThrownBy(() -> EmbeddedBroker.start(BrokerConfig.locate(), dir, 0))
        .isInstanceOf(BrokerException.class)
        .extracting(e -> ((BrokerException) e).reason())
        .isEqualTo(BrokerException.Reason.CORRUPT_FILE);
  }

  @Test
  void start_configDirWithoutBrokerXml_throwsMissingFile() {
    assertThatThrownBy(() -> EmbeddedBroker.start(dir.resolve("nowhere"), dir, 0))
        .isInstanceOf(BrokerException.class)
        .extracting(e -> ((BrokerException) e).reason())
        .isEqualTo(BrokerException.Reason.MISSING_FILE);
  }

  @Test
  void start_portOutOfRange_throwsInvalidArgument() {
    assertThatThrownBy(() -> EmbeddedBroker.start(BrokerConfig.locate(), dir, 65_536))
        .isInstanceOf(BrokerException.class)
        .extracting(e -> ((BrokerException) e).reason())
        .isEqualTo(BrokerException.Reason.INVALID_ARGUMENT);
  }

  @Test
  void restart_keepsOutletsAndDurableMessages() throws Exception {
    try (EmbeddedBroker broker = TestInstances.start(dir);
        Client outlet = Client.login(broker, OUTLET_A)) {
      outlet.send("outpost.closings", "closing before restart");
    }
    try (EmbeddedBroker broker = EmbeddedBroker.start(BrokerConfig.locate(), dir, 0);
        Client hq = Client.login(broker, HQ)) {
      assertThat(((TextMessage) hq.receive("outpost.closings", 5_000)).getText())
          .isEqualTo("closing before restart");
    }
  }

  @Test
  void reloadConfiguration_afterRemoveOutlet_refusesItsLoginAndDropsItsInboxAtOnce()
      throws Exception {
    try (EmbeddedBroker broker = TestInstances.start(dir)) {
      try (Client outlet = Client.login(broker, OUTLET_A)) {
        outlet.send("outpost.closings", "last closing");
      }

      TestInstances.accounts(dir).removeOutlet(OUTLET_A);
      broker.reloadConfiguration();

      assertThatThrownBy(() -> Client.login(broker, OUTLET_A).close())
          .isInstanceOf(JMSSecurityRuntimeException.class);
      assertThat(broker.server().locateQueue(SimpleString.of(INBOX_A))).isNull();
      assertThat(broker.server().getSecurityRepository().getMatch("outpost.closings"))
          .noneMatch(role -> role.getName().equals(OUTLET_A));
      try (Client other = Client.login(broker, OUTLET_B)) {
        other.send("outpost.closings", "B still sends");
      }
    }
  }

  @Test
  void removeOutlet_onRunningBroker_isRefusedWithinTheInvalidationInterval() throws Exception {
    try (EmbeddedBroker broker = TestInstances.start(dir)) {
      Client open = Client.login(broker, OUTLET_A);
      try (open) {
        open.send("outpost.closings", "before removal");

        TestInstances.accounts(dir).removeOutlet(OUTLET_A);
        long removed = System.nanoTime();
        boolean loginRefused = false;
        boolean inboxGone = false;
        while (!(loginRefused && inboxGone) && System.nanoTime() - removed < 20_000_000_000L) {
          Thread.sleep(250);
          inboxGone = broker.server().locateQueue(SimpleString.of(INBOX_A)) == null;
          try {
            Client.login(broker, OUTLET_A).close();
            loginRefused = false;
          } catch (JMSSecurityRuntimeException e) {
            loginRefused = true;
          }
        }
        long seconds = (System.nanoTime() - removed) / 1_000_000_000L;

        assertThat(loginRefused).as("login refused after %d s", seconds).isTrue();
        assertThat(inboxGone).as("inbox gone after %d s", seconds).isTrue();
        assertThat(seconds).isLessThanOrEqualTo(12);
        assertThatThrownBy(() -> open.send("outpost.closings", "after removal"))
            .isInstanceOf(JMSSecurityRuntimeException.class);
      }
    }
  }

  @Test
  void addOutlet_onRunningBroker_isPickedUpByThePeriodicReload() throws Exception {
    try (EmbeddedBroker broker = TestInstances.start(dir)) {
      TestInstances.accounts(dir).addOutlet("outlet-c", "pw-outlet-c-new-1234".toCharArray());
      String inbox = "outpost.outlet.outlet-c.inbox";

      long deadline = System.currentTimeMillis() + 20_000;
      while (broker.server().locateQueue(SimpleString.of(inbox)) == null
          && System.currentTimeMillis() < deadline) {
        Thread.sleep(200);
      }

      assertThat(broker.server().locateQueue(SimpleString.of(inbox))).isNotNull();
      try (Client hq = Client.login(broker, HQ)) {
        hq.send(inbox, "first menu");
      }
      try (Client outlet =
          Client.login(
              broker.url(), "outlet-c", "pw-outlet-c-new-1234", JMSContext.AUTO_ACKNOWLEDGE)) {
        outlet.send("outpost.closings", "first closing");
        assertThat(((TextMessage) outlet.receive(inbox, 5_000)).getText()).isEqualTo("first menu");
      }
    }
  }

  @Test
  void setPassword_onRunningBroker_oldPasswordIsRefused() throws BrokerException, JMSException {
    try (EmbeddedBroker broker = TestInstances.start(dir)) {
      TestInstances.accounts(dir).setPassword(OUTLET_B, "pw-rotated-0123456".toCharArray());

      assertThatThrownBy(() -> Client.login(broker, OUTLET_B).close())
          .isInstanceOf(JMSSecurityRuntimeException.class);
      try (Client outlet =
          Client.login(broker.url(), OUTLET_B, "pw-rotated-0123456", JMSContext.AUTO_ACKNOWLEDGE)) {
        outlet.send("outpost.closings", "after rotation");
      }
    }
  }

  @Test
  void start_tlsSwitchedOn_servesOnlyClientsThatPinTheBrokerCertificate() throws Exception {
    Path keystore = dir.resolve("broker.p12");
    Path pinned = dir.resolve("client-trust.p12");
    Path stranger = dir.resolve("stranger-trust.p12");
    keytool(
        "-genkeypair",
        "-alias",
        "broker",
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-dname",
        "CN=outpost-broker",
        "-ext",
        "SAN=dns:localhost,ip:127.0.0.1",
        "-validity",
        "30",
        "-keystore",
        keystore.toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        "keystore-pw-123");
    keytool(
        "-exportcert",
        "-rfc",
        "-alias",
        "broker",
        "-keystore",
        keystore.toString(),
        "-storepass",
        "keystore-pw-123",
        "-file",
        dir.resolve("broker.pem").toString());
    keytool(
        "-importcert",
        "-noprompt",
        "-alias",
        "broker",
        "-file",
        dir.resolve("broker.pem").toString(),
        "-keystore",
        pinned.toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        "trust-pw-123");
    keytool(
        "-genkeypair",
        "-alias",
        "other",
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-dname",
        "CN=someone-else",
        "-validity",
        "30",
        "-keystore",
        stranger.toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        "trust-pw-123");
    TestInstances.provision(dir);

    EmbeddedBroker broker;
    System.setProperty("OUTPOST_BROKER_TLS", "true");
    System.setProperty("OUTPOST_BROKER_KEYSTORE", keystore.toString());
    System.setProperty("OUTPOST_BROKER_KEYSTORE_PASSWORD", "keystore-pw-123");
    try {
      broker = EmbeddedBroker.start(BrokerConfig.locate(), dir, 0);
    } finally {
      System.clearProperty("OUTPOST_BROKER_TLS");
      System.clearProperty("OUTPOST_BROKER_KEYSTORE");
      System.clearProperty("OUTPOST_BROKER_KEYSTORE_PASSWORD");
    }
    try (broker) {
      assertThat(broker.tlsEnabled()).isTrue();
      String tls =
          broker.url() + "?sslEnabled=true;trustStoreType=PKCS12;trustStorePassword=trust-pw-123";
      int mode = JMSContext.AUTO_ACKNOWLEDGE;
      String password = TestInstances.password(HQ);

      try (Client hq = Client.login(tls + ";trustStorePath=" + pinned, HQ, password, mode)) {
        hq.send("outpost.quarantine", "over TLS");
      }
      assertThatThrownBy(
              () ->
                  Client.login(
                          tls + ";callTimeout=2000;trustStorePath=" + stranger, HQ, password, mode)
                      .close())
          .isInstanceOf(JMSRuntimeException.class);
      assertThatThrownBy(
              () -> Client.login(broker.url() + "?callTimeout=2000", HQ, password, mode).close())
          .isInstanceOf(JMSRuntimeException.class);
    }
  }

  private static void keytool(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(output).isZero();
  }
}
