package io.outpost.hq.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outpost.keystore.Identity;
import io.outpost.keystore.TestIdentities;
import io.outpost.keystore.TrustDirectory;
import io.outpost.keystore.TrustStore;
import io.outpost.message.SecureMessageException;
import io.outpost.message.SecureMessages;
import io.outpost.message.payload.Closing;
import io.outpost.message.payload.ClosingLine;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HqKeyringTest {

  @TempDir Path dir;

  private final Identity hqCurrent = TestIdentities.of("hq");
  private final Identity hqNext = TestIdentities.fresh("hq");
  private final Identity outlet = TestIdentities.of("outlet-a");
  private TrustWatch watch;

  @BeforeEach
  void pinTheOutlet() throws Exception {
    TrustDirectory.pin(dir, outlet.certificate(), outlet.fingerprint());
    watch = new TrustWatch(dir, Duration.ZERO, System::nanoTime);
  }

  @Test
  void openClosing_sealedForTheNextKey_opensWithIt() throws Exception {
    HqKeyring keys = new HqKeyring(hqCurrent, List.of(hqNext), watch, Clock.systemUTC());
    Closing closing = closing();

    byte[] sealed = sealFor(hqNext, closing);

    assertThat(keys.openClosing(sealed).payload()).isEqualTo(closing);
  }

  @Test
  void openClosing_sealedForAKeyHqDoesNotHold_isNotForUs() throws Exception {
    HqKeyring keys = new HqKeyring(hqCurrent, List.of(), watch, Clock.systemUTC());

    byte[] sealed = sealFor(hqNext, closing());

    assertThatThrownBy(() -> keys.openClosing(sealed))
        .isInstanceOf(SecureMessageException.class)
        .extracting(e -> ((SecureMessageException) e).reason())
        .isEqualTo(SecureMessageException.Reason.NOT_FOR_US);
  }

  @Test
  void openClosing_afterTheOutletWasRevoked_isRefusedWithoutANewKeyring() throws Exception {
    HqKeyring keys = new HqKeyring(hqCurrent, List.of(hqNext), watch, Clock.systemUTC());
    byte[] sealed = sealFor(hqCurrent, closing());
    keys.openClosing(sealed);

    TrustDirectory.revoke(dir, "outlet-a");

    assertThatThrownBy(() -> keys.openClosing(sealed))
        .isInstanceOf(SecureMessageException.class)
        .extracting(e -> ((SecureMessageException) e).reason())
        .isEqualTo(SecureMessageException.Reason.REVOKED);
  }

  @Test
  void constructor_anotherPartysIdentity_isRefused() {
    assertThatThrownBy(
            () ->
                new HqKeyring(
                    hqCurrent, List.of(TestIdentities.of("hq-2")), watch, Clock.systemUTC()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private byte[] sealFor(Identity hq, Closing closing) throws Exception {
    return new SecureMessages(
            outlet, TrustStore.of(List.of(TestIdentities.pin(hq))), Clock.systemUTC())
        .sealClosing(closing);
  }

  private static Closing closing() {
    List<ClosingLine> lines = List.of(new ClosingLine("COF-1", "Espresso", 4, 250, 1_000));
    return new Closing(
        UUID.randomUUID(),
        "outlet-a",
        "hq",
        Instant.now(),
        LocalDate.of(2025, 6, 2),
        1,
        null,
        null,
        Currency.getInstance("EUR"),
        lines,
        1_000);
  }
}
