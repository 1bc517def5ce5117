package io.outpost.outlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.keystore.Certificates;
import io.outpost.keystore.IdentityGenerator;
import io.outpost.keystore.KeystoreException;
import io.outpost.keystore.Passwords;
import io.outpost.keystore.TestIdentities;
import io.outpost.keystore.rotation.KeyRotation;
import io.outpost.message.Addresses;
import io.outpost.message.Verified;
import io.outpost.message.WireProperties;
import io.outpost.message.payload.KeyAnnouncement;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code outlet announce-key}: the next certificate, signed with the current key, to HQ. */
class AnnounceKeyCommandTest {

  @TempDir Path dir;

  private TestParties parties;
  private TestBroker broker;
  private final Map<String, String> env = new HashMap<>();
  private String out;
  private String err;

  @BeforeEach
  void setUp() throws Exception {
    parties = TestParties.create(dir.resolve("keys"));
    broker = TestBroker.start(dir);
    env.putAll(parties.env(dir));
    env.put("OUTPOST_BROKER_URL", broker.url());
    env.put("OUTPOST_BROKER_PASSWORD_FILE", broker.outletPasswordFile.toString());
    env.put("OUTPOST_CONNECT_ATTEMPTS", "2");
    env.put("OUTPOST_CONNECT_BACKOFF", "10ms");
  }

  @AfterEach
  void stopBroker() throws Exception {
    broker.close();
  }

  @Test
  void announceKey_withoutANextIdentity_failsSayingHowToMakeOne() {
    int code = run("announce-key");

    assertThat(code).isEqualTo(OutletCli.FAILED);
    assertThat(err).contains("no next identity", "keystore next --dir");
  }

  @Test
  void announceKey_sendsHqTheNextCertificateSignedWithTheCurrentKey() throws Exception {
    X509Certificate next = prepareNext();

    int code = run("announce-key");

    assertThat(code).as(err).isZero();
    assertThat(out).contains(Certificates.displayFingerprint(Certificates.fingerprint(next)));
    Message message = receiveAsHq();
    assertThat(message.getStringProperty(WireProperties.TYPE)).isEqualTo(WireProperties.TYPE_KEY_ANNOUNCEMENT);
    Verified<KeyAnnouncement> verified =
        parties.hqMessages().openSigned(message.getBody(byte[].class), KeyAnnouncement.class);
    assertThat(verified.signerId()).isEqualTo(TestParties.OUTLET);
    assertThat(verified.payload().x509()).isEqualTo(next);
    assertThat(message.getStringProperty(WireProperties.DUPLICATE_ID))
        .isEqualTo(verified.payload().messageId().toString());
  }

  @Test
  void announceKey_offline_exitsThree() throws Exception {
    prepareNext();
    env.put("OUTPOST_BROKER_URL", "tcp://127.0.0.1:1");

    assertThat(run("announce-key")).isEqualTo(OutletCli.OFFLINE);
  }

  private X509Certificate prepareNext() throws KeystoreException {
    Instant now = Instant.now();
    return KeyRotation.prepare(
        parties.keyDir,
        new IdentityGenerator()
            .generate(
                TestParties.OUTLET,
                TestIdentities.TEST_BITS,
                now.minus(Duration.ofMinutes(5)),
                now.plus(Duration.ofDays(365))),
        TestParties.KEY_PASSWORD.toCharArray());
  }

  private Message receiveAsHq() {
    try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(broker.url());
        JMSContext context =
            factory.createContext(
                TestParties.HQ, TestBroker.password(TestParties.HQ), JMSContext.AUTO_ACKNOWLEDGE);
        JMSConsumer consumer =
            context.createConsumer(context.createQueue(Addresses.MENU_REQUESTS))) {
      Message message = consumer.receive(10_000);
      assertThat(message).as("an announcement on " + Addresses.MENU_REQUESTS).isNotNull();
      return message;
    }
  }

  private int run(String... args) {
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    OutletCli.Context context =
        new OutletCli.Context(
            new ByteArrayInputStream(new byte[0]),
            new PrintStream(stdout, true, StandardCharsets.UTF_8),
            new PrintStream(stderr, true, StandardCharsets.UTF_8),
            Map.copyOf(env),
            Passwords.withoutTerminal(env),
            dir,
            Clock.systemUTC());
    int code = OutletCli.run(context, args);
    out = stdout.toString(StandardCharsets.UTF_8);
    err = stderr.toString(StandardCharsets.UTF_8);
    return code;
  }
}
