package io.outpost.outlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.keystore.Identity;
import io.outpost.keystore.TestIdentities;
import io.outpost.keystore.TrustDirectory;
import io.outpost.keystore.TrustStore;
import io.outpost.keystore.rotation.PendingCertificates;
import io.outpost.message.SecureMessages;
import io.outpost.message.payload.KeyAnnouncement;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HQ's key announcements, read from the outlet's inbox on the in-JVM broker. */
class HqKeyInboxTest {

  @TempDir Path dir;

  private TestParties parties;
  private TestBroker broker;
  private TestHq hq;
  private final List<String> notices = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    parties = TestParties.create(dir.resolve("keys"));
    broker = TestBroker.start(dir);
    hq = new TestHq(broker.url(), parties.hqMessages(), TestParties.OUTLET);
  }

  @AfterEach
  void stop() throws Exception {
    hq.close();
    broker.close();
  }

  @Test
  void collect_announcementSignedByThePinnedHq_keepsItPendingAndPinsNothing() throws Exception {
    Identity next = TestIdentities.fresh(TestParties.HQ);
    announce(parties.hqMessages(), next);

    List<String> refused = collect();

    assertThat(refused).isEmpty();
    assertThat(PendingCertificates.list(parties.keyDir))
        .singleElement()
        .satisfies(p -> assertThat(p.fingerprint()).isEqualTo(next.fingerprint()))
        .satisfies(p -> assertThat(p.signedBy()).isEqualTo(parties.hq.fingerprint()));
    assertThat(TrustDirectory.load(parties.keyDir).find(next.certificate())).isEmpty();
    assertThat(notices).singleElement().asString().contains("outlet keys confirm");
  }

  @Test
  void collect_sameCertificateAnnouncedTwice_keepsItOnce() throws Exception {
    Identity next = TestIdentities.fresh(TestParties.HQ);
    announce(parties.hqMessages(), next);
    announce(parties.hqMessages(), next);

    assertThat(collect()).isEmpty();

    assertThat(PendingCertificates.list(parties.keyDir)).hasSize(1);
    assertThat(notices).hasSize(1);
  }

  @Test
  void collect_announcementSignedByAKeyNotPinned_isRefusedConsumedAndNotKept() throws Exception {
    Identity forger = TestIdentities.fresh(TestParties.HQ);
    SecureMessages forged =
        new SecureMessages(
            forger, TrustStore.of(List.of(TestIdentities.pin(parties.outlet))), Clock.systemUTC());
    announce(forged, forger);

    List<String> refused = collect();

    assertThat(refused)
        .singleElement()
        .asString()
        .contains("refused a key announcement", "UNKNOWN_SENDER", "nothing was kept");
    assertThat(PendingCertificates.list(parties.keyDir)).isEmpty();
    assertThat(TrustDirectory.load(parties.keyDir).find(forger.certificate())).isEmpty();
    assertThat(collect()).as("consumed, not refused at every run").isEmpty();
  }

  @Test
  void collect_certificateThatExpired_isRefusedSayingWhy() throws Exception {
    Identity expired =
        TestIdentities.valid(
            TestParties.HQ,
            Instant.now().minus(Duration.ofDays(30)),
            Instant.now().minus(Duration.ofDays(1)));
    announce(parties.hqMessages(), expired);

    assertThat(collect()).singleElement().asString().contains("is valid from", "not now");
    assertThat(PendingCertificates.list(parties.keyDir)).isEmpty();
  }

  private void announce(SecureMessages signer, Identity next) throws Exception {
    KeyAnnouncement announcement =
        KeyAnnouncement.of(
            UUID.randomUUID(),
            TestParties.HQ,
            TestParties.OUTLET,
            Instant.now(),
            next.certificate());
    hq.sendKeyAnnouncement(signer.sign(announcement), announcement.messageId());
  }

  private List<String> collect() throws Exception {
    JmsBrokerLink link =
        new JmsBrokerLink(
            broker.url(),
            TestParties.OUTLET,
            TestBroker.password(TestParties.OUTLET),
            TestParties.OUTLET,
            1,
            Duration.ofMillis(10),
            notices::add);
    try (BrokerLink.Session session = link.connect()) {
      return parties.hqKeyInbox().collect(session, notices::add);
    }
  }
}
