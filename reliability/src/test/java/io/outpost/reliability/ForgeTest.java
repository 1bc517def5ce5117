package io.outpost.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.keystore.Identity;
import io.outpost.keystore.PinnedCertificate;
import io.outpost.keystore.TrustStore;
import io.outpost.message.SecureMessageException;
import io.outpost.message.SecureMessages;
import io.outpost.message.Verified;
import io.outpost.message.payload.Closing;
import io.outpost.message.payload.PayloadCodec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The hostile messages of scenario 6, opened in-process as HQ opens them: an unchanged forgery is
 * accepted, so each refusal comes from the change, and each case is refused for the reason the
 * scenario expects from the running HQ.
 */
class ForgeTest {

  private static final Instant NOW = Instant.now();
  private static final Identity HQ = Fleet.identity("hq");
  private static final Identity MALLORY = Fleet.identity("outlet-35");
  private static final Identity VICTIM = Fleet.identity("outlet-29");
  private static final Hostile.Parties PARTIES =
      new Hostile.Parties(
          HQ,
          MALLORY,
          Fleet.identity("outlet-37"),
          Fleet.identity("outlet-36"),
          Fleet.identity("outlet-38", NOW.minus(Duration.ofDays(2)), NOW.minus(Duration.ofDays(1))),
          Fleet.identity("outlet-29"));
  private static final SecureMessages AT_HQ =
      new SecureMessages(
          HQ,
          TrustStore.of(
              List.of(
                  pin(MALLORY, false),
                  pin(VICTIM, false),
                  pin(PARTIES.revoked(), true),
                  pin(PARTIES.expired(), false))),
          Clock.systemUTC());

  @Test
  void seal_unchangedForgery_opensAtHq() throws Exception {
    byte[] payload = Hostile.closing(MALLORY.id(), "hq");

    Verified<Closing> opened =
        AT_HQ.openClosing(Forge.seal(MALLORY, payload, HQ.certificate(), MALLORY.certificate()));

    assertThat(opened.payloadBytes()).isEqualTo(payload);
    assertThat(opened.signerId()).isEqualTo(MALLORY.id());
  }

  @Test
  void cases_eachRefusedAtHqWithItsReason() throws Exception {
    byte[] captured =
        new SecureMessages(VICTIM, TrustStore.of(List.of(pin(HQ, false))), Clock.systemUTC())
            .sealClosing(
                new PayloadCodec().decode(Hostile.closing(VICTIM.id(), "hq"), Closing.class));
    List<String> failures = new ArrayList<>();
    List<Hostile.Case> cases = Hostile.cases(PARTIES, VICTIM.id(), captured);

    for (Hostile.Case c : cases) {
      if (c.kind() != Hostile.Kind.BYTES) {
        continue;
      }
      String reason = reasonAtHq(c);
      if (!reason.equals(c.reason())) {
        failures.add(c.what() + ": " + reason + " instead of " + c.reason());
      }
    }

    assertThat(cases).hasSizeGreaterThan(20);
    assertThat(failures).isEmpty();
  }

  /** HQ's verdict: the opener's reason, or the binding of signer to the sending login. */
  private static String reasonAtHq(Hostile.Case c) {
    try {
      Verified<Closing> verified = AT_HQ.openClosing(c.body());
      return verified.signerId().equals(c.login()) ? "ACCEPTED" : "SENDER_MISMATCH";
    } catch (SecureMessageException e) {
      return e.reason().name();
    }
  }

  private static PinnedCertificate pin(Identity identity, boolean revoked) {
    return new PinnedCertificate(identity.id(), identity.certificate(), revoked);
  }
}
