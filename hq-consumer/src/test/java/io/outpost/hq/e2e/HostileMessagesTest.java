package io.outpost.hq.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.hq.core.StoredClosing;
import io.outpost.keystore.Identity;
import io.outpost.keystore.PinnedCertificate;
import io.outpost.keystore.TestIdentities;
import io.outpost.keystore.TrustStore;
import io.outpost.message.Addresses;
import io.outpost.message.SecureMessages;
import io.outpost.message.WireProperties;
import io.outpost.message.payload.Closing;
import jakarta.jms.Message;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Messages that must not count, sent straight to the broker with valid outlet logins while the real
 * HQ serves and the real outlets close their days: each lands in quarantine with its reason,
 * nothing of them is stored or answered, and the honest outlets keep getting receipts.
 */
class HostileMessagesTest {

  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir static Path dir;

  private static Fleet fleet;
  private static LiveBroker broker;
  private static TestDatabase database;
  private static HqSite hq;

  @BeforeAll
  static void serve() throws Exception {
    fleet = Fleet.shared();
    broker = LiveBroker.start(dir.resolve("broker"));
    database = TestDatabase.h2(dir);
    hq = new HqSite(fleet, broker, database);
    hq.serve();
  }

  @AfterAll
  static void stop() throws Exception {
    if (hq != null) {
      hq.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void hostileClosings_withValidLogins_areQuarantinedWithTheirReasonsAndHonestOutletsGetReceipts()
      throws Exception {
    OutletSite one = new OutletSite(Fleet.OUTLET_1, fleet, broker, dir.resolve("one"));
    OutletSite two = new OutletSite(Fleet.OUTLET_2, fleet, broker, dir.resolve("two"));
    OutletSite three = new OutletSite(Fleet.OUTLET_3, fleet, broker, dir.resolve("three"));
    String sales = Examples.argument(Examples.closing());
    Run closed = one.outlet("close", "--sales", sales);
    assertThat(closed.code()).as(closed.transcript()).isZero();
    byte[] genuineOfOne = OutletSite.sealed(one.entries().get(0));
    UUID storedId = OutletSite.messageId(one.entries().get(0));
    Path sealedByTwo = dir.resolve("two-sealed-not-sent.p7m");
    Run sealed = two.outlet("seal", "--in", sales, "--out", sealedByTwo.toString());
    assertThat(sealed.code()).as(sealed.transcript()).isZero();

    Map<String, Hostile> hostile = new LinkedHashMap<>();
    byte[] tampered = genuineOfOne.clone();
    tampered[tampered.length - 10] ^= 0x01;
    hostile.put("tampered", new Hostile(Fleet.OUTLET_1, tampered, "BAD_SIGNATURE"));
    // outlet-1's closing, captured on the wire, replayed by whoever holds outlet-2's login
    hostile.put("replayed", new Hostile(Fleet.OUTLET_2, genuineOfOne, "SENDER_MISMATCH"));
    // outlet-3's broker password without its key: a new key pair that calls itself outlet-3
    hostile.put(
        "unknown-sender",
        new Hostile(
            Fleet.OUTLET_3,
            forge(TestIdentities.fresh(Fleet.OUTLET_3), Fleet.HQ),
            "UNKNOWN_SENDER"));
    // outlet-2's genuine closing pushed through outlet-1's login
    hostile.put(
        "wrong-outlet",
        new Hostile(Fleet.OUTLET_1, Files.readAllBytes(sealedByTwo), "SENDER_MISMATCH"));
    // encrypted for this HQ but addressed, inside the signature, to another one
    hostile.put(
        "wrong-recipient",
        new Hostile(
            Fleet.OUTLET_1, forge(fleet.identity(Fleet.OUTLET_1), "hq-west"), "NOT_FOR_US"));
    for (Map.Entry<String, Hostile> entry : hostile.entrySet()) {
      broker.sendAs(
          entry.getValue().login(),
          Addresses.CLOSINGS,
          WireProperties.TYPE_CLOSING,
          entry.getValue().body(),
          entry.getKey());
    }

    Map<String, String> reasons = new LinkedHashMap<>();
    Await.until(
        "every hostile closing in quarantine",
        WAIT,
        () -> {
          for (Message message : broker.receiveAll(LiveBroker.ADMIN, Addresses.QUARANTINE, 200)) {
            String name = message.getStringProperty(WireProperties.DUPLICATE_ID);
            reasons.put(name, message.getStringProperty(WireProperties.REASON));
            assertThat(message.getBody(byte[].class)).as(name).isEqualTo(hostile.get(name).body());
            assertThat(message.getStringProperty(WireProperties.DETAIL)).as(name).isNotBlank();
          }
          return reasons.size() >= hostile.size();
        });
    Map<String, String> expected = new LinkedHashMap<>();
    hostile.forEach((name, message) -> expected.put(name, message.reason()));
    assertThat(reasons).containsExactlyInAnyOrderEntriesOf(expected);
    assertThat(hq.archive().chains())
        .extracting(StoredClosing::messageId)
        .containsExactly(storedId);
    for (String outlet : Fleet.OUTLETS) {
      assertThat(broker.receiveAll(outlet, Addresses.inbox(outlet), 300))
          .as("nothing answers a quarantined closing in %s's inbox", outlet)
          .isEmpty();
    }

    Path nextDay = Examples.closingFor(dir, LocalDate.of(2024, 5, 2));
    for (Run honest :
        List.of(
            two.outlet("close", "--sales", sales),
            three.outlet("close", "--sales", sales),
            one.outlet("close", "--sales", nextDay.toString()))) {
      assertThat(honest.code()).as(honest.transcript()).isZero();
      assertThat(honest.out()).contains("flushed: 1 sent, 1 acknowledged");
    }
    assertThat(hq.archive().chains()).hasSize(4);
    Run report = hq.hq("report", "--date", "2024-05-01");
    assertThat(report.out())
        .contains("Closed: 3 outlet(s)")
        .containsPattern(Pattern.quote(Fleet.OUTLET_1) + "\\s+EUR\\s+\\S+\\s+sequence 1 ")
        .containsPattern(Pattern.quote(Fleet.OUTLET_2) + "\\s+EUR\\s+\\S+\\s+sequence 1 ")
        .containsPattern(Pattern.quote(Fleet.OUTLET_3) + "\\s+EUR\\s+\\S+\\s+sequence 1 ")
        .contains("Gaps and forks: none");
  }

  /** A message sent with {@code login} that HQ must refuse with {@code reason}. */
  private record Hostile(String login, byte[] body, String reason) {}

  /** A well-formed closing sealed by {@code signer} for this HQ's key, naming {@code to}. */
  private static byte[] forge(Identity signer, String to) throws Exception {
    Identity hqIdentity = fleet.identity(Fleet.HQ);
    SecureMessages messages =
        new SecureMessages(
            signer,
            TrustStore.of(List.of(new PinnedCertificate(to, hqIdentity.certificate(), false))),
            Clock.systemUTC());
    Closing closing =
        Examples.closingDay()
            .toClosing(UUID.randomUUID(), signer.id(), to, Instant.now(), 1, null, null);
    return messages.sealClosing(closing);
  }
}
