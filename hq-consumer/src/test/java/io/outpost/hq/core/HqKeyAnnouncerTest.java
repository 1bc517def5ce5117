package io.outpost.hq.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.outpost.keystore.Identity;
import io.outpost.keystore.TestIdentities;
import io.outpost.keystore.TrustStore;
import io.outpost.message.SecureMessages;
import io.outpost.message.Verified;
import io.outpost.message.WireProperties;
import io.outpost.message.payload.KeyAnnouncement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** HQ's next certificate, one signed announcement per outlet, the same duplicate id every run. */
class HqKeyAnnouncerTest {

  private final Identity hq = TestIdentities.of("hq");
  private final Identity outletA = TestIdentities.of("outlet-a");
  private final Identity next = TestIdentities.fresh("hq");
  private final List<OutletInbox.Delivery> delivered = new ArrayList<>();

  @Test
  void announce_signsOneAnnouncementPerOutletAddressedToIt() throws Exception {
    HqKeyAnnouncer.Outcome outcome =
        announcer(delivered::add).announce(next.certificate(), List.of("outlet-a", "outlet-b"));

    assertThat(outcome.sent()).containsExactly("outlet-a", "outlet-b");
    assertThat(outcome.failed()).isEmpty();
    assertThat(delivered)
        .extracting(OutletInbox.Delivery::outletId, OutletInbox.Delivery::type)
        .containsExactly(
            tuple("outlet-a", WireProperties.TYPE_KEY_ANNOUNCEMENT),
            tuple("outlet-b", WireProperties.TYPE_KEY_ANNOUNCEMENT));
    SecureMessages atOutletA =
        new SecureMessages(
            outletA, TrustStore.of(List.of(TestIdentities.pin(hq))), Clock.systemUTC());
    Verified<KeyAnnouncement> verified =
        atOutletA.openSigned(delivered.get(0).body(), KeyAnnouncement.class);
    assertThat(verified.signerId()).isEqualTo("hq");
    assertThat(verified.payload().x509()).isEqualTo(next.certificate());
    assertThat(delivered.get(0).duplicateId()).isEqualTo(verified.payload().messageId().toString());
  }

  @Test
  void announce_again_usesTheSameDuplicateIdsSoTheBrokerDropsTheCopies() throws Exception {
    HqKeyAnnouncer announcer = announcer(delivered::add);

    announcer.announce(next.certificate(), List.of("outlet-a", "outlet-b"));
    announcer.announce(next.certificate(), List.of("outlet-a", "outlet-b"));

    assertThat(delivered.get(2).duplicateId()).isEqualTo(delivered.get(0).duplicateId());
    assertThat(delivered.get(3).duplicateId()).isEqualTo(delivered.get(1).duplicateId());
    assertThat(delivered.get(0).duplicateId()).isNotEqualTo(delivered.get(1).duplicateId());
  }

  @Test
  void announce_anUnreachableInbox_isNamedAndTheOthersStillGetIt() throws Exception {
    OutletInbox inbox =
        delivery -> {
          if (delivery.outletId().equals("outlet-a")) {
            throw new HqException(HqException.Reason.BROKER, "no such address");
          }
          delivered.add(delivery);
        };

    HqKeyAnnouncer.Outcome outcome =
        announcer(inbox).announce(next.certificate(), List.of("outlet-a", "outlet-b"));

    assertThat(outcome.failed()).containsOnlyKeys("outlet-a");
    assertThat(outcome.sent()).containsExactly("outlet-b");
  }

  private HqKeyAnnouncer announcer(OutletInbox inbox) {
    return new HqKeyAnnouncer(
        new SecureMessages(
            hq, TrustStore.of(List.of(TestIdentities.pin(outletA))), Clock.systemUTC()),
        inbox,
        Clock.systemUTC());
  }
}
