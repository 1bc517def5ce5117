package io.outpost.outlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outpost.keystore.TestIdentities;
import io.outpost.keystore.TrustStore;
import io.outpost.message.SecureMessages;
import io.outpost.outlet.OutletException.Reason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MenuCacheTest {

  @TempDir static Path keys;
  @TempDir Path dir;

  private static TestParties parties;

  @BeforeAll
  static void identities() throws Exception {
    parties = TestParties.create(keys);
  }

  private MenuCache cache() {
    return new MenuCache(dir, parties.outletMessages(), TestParties.HQ);
  }

  @Test
  void current_beforeAnyMenu_isEmpty() throws Exception {
    assertThat(cache().current()).isEmpty();
  }

  @Test
  void store_thenCurrent_returnsTheVerifiedMenu() throws Exception {
    cache().store(Menus.signed(parties.hqMessages(), 7));

    MenuCache.CachedMenu cached =
        new MenuCache(dir, parties.outletMessages(), TestParties.HQ).current().orElseThrow();

    assertThat(cached.menu().version()).isEqualTo(7);
    assertThat(cached.menu().items()).hasSize(2);
  }

  @Test
  void store_olderVersion_isRefusedAndTheCacheKept() throws Exception {
    MenuCache cache = cache();
    cache.store(Menus.signed(parties.hqMessages(), 7));

    assertThatThrownBy(() -> cache.store(Menus.signed(parties.hqMessages(), 6)))
        .isInstanceOfSatisfying(
            OutletException.class, e -> assertThat(e.reason()).isEqualTo(Reason.STALE_MENU))
        .hasMessageContaining("version 6");
    assertThat(cache.current().orElseThrow().menu().version()).isEqualTo(7);
  }

  @Test
  void store_sameOrNewerVersion_isAccepted() throws Exception {
    MenuCache cache = cache();
    cache.store(Menus.signed(parties.hqMessages(), 7));
    cache.store(Menus.signed(parties.hqMessages(), 7));
    cache.store(Menus.signed(parties.hqMessages(), 8));

    assertThat(cache.current().orElseThrow().menu().version()).isEqualTo(8);
  }

  @Test
  void store_menuSignedByAnUnpinnedKey_isRefused() throws Exception {
    SecureMessages impostor =
        new SecureMessages(
            TestIdentities.fresh(TestParties.HQ),
            TrustStore.of(List.of(TestIdentities.pin(parties.outlet))),
            Clock.systemUTC());

    assertThatThrownBy(() -> cache().store(Menus.signed(impostor, 99)))
        .isInstanceOfSatisfying(
            OutletException.class, e -> assertThat(e.reason()).isEqualTo(Reason.REFUSED));
    assertThat(cache().current()).isEmpty();
  }

  @Test
  void store_menuSignedByAnotherPinnedPeer_isRefused() throws Exception {
    // an outlet's key is pinned at the outlet too (its own), but only HQ may sign a menu
    SecureMessages outletAsSigner = parties.outletMessages();

    assertThatThrownBy(() -> cache().store(Menus.signed(outletAsSigner, 99)))
        .isInstanceOfSatisfying(
            OutletException.class, e -> assertThat(e.reason()).isEqualTo(Reason.REFUSED));
  }

  @Test
  void current_cachedFileAlteredOnDisk_isRefused() throws Exception {
    cache().store(Menus.signed(parties.hqMessages(), 7));
    Path file = dir.resolve(MenuCache.FILE);
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 0x01;
    Files.write(file, bytes);

    assertThatThrownBy(() -> cache().current())
        .isInstanceOfSatisfying(
            OutletException.class, e -> assertThat(e.reason()).isEqualTo(Reason.REFUSED))
        .hasMessageContaining(file.toString());
  }
}
