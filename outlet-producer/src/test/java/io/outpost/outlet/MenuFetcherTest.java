package io.outpost.outlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outpost.keystore.TestIdentities;
import io.outpost.keystore.TrustStore;
import io.outpost.message.SecureMessages;
import io.outpost.outlet.OutletException.Reason;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fetching the menu through the in-JVM broker from an HQ that answers for real. */
class MenuFetcherTest {

  @TempDir static Path keys;
  @TempDir Path dir;

  private static TestParties parties;
  private TestBroker broker;
  private TestHq hq;
  private MenuCache cache;
  private final List<String> notices = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void identities() throws Exception {
    parties = TestParties.create(keys);
  }

  @BeforeEach
  void start() throws Exception {
    broker = TestBroker.start(dir);
    hq = new TestHq(broker.url(), parties.hqMessages(), TestParties.OUTLET);
    cache = new MenuCache(dir.resolve("menu"), parties.outletMessages(), TestParties.HQ);
  }

  @AfterEach
  void stop() throws Exception {
    hq.close();
    broker.close();
  }

  private MenuFetcher fetcher(Duration timeout) {
    return new MenuFetcher(
        new JmsBrokerLink(
            broker.url(),
            TestParties.OUTLET,
            TestBroker.password(TestParties.OUTLET),
            TestParties.OUTLET,
            1,
            Duration.ofMillis(10),
            notices::add),
        parties.outletMessages(),
        cache,
        parties.hqKeyInbox(),
        TestParties.OUTLET,
        TestParties.HQ,
        Clock.systemUTC(),
        timeout,
        notices::add);
  }

  private CompletableFuture<Boolean> hqAnswers(byte[] menu) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return hq.answerMenuRequest(menu, 10_000);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
  }

  @Test
  void fetch_hqAnswers_returnsAndCachesTheVerifiedMenu() throws Exception {
    CompletableFuture<Boolean> answered = hqAnswers(Menus.signed(parties.hqMessages(), 3));

    MenuCache.CachedMenu menu = fetcher(Duration.ofSeconds(10)).fetch();

    assertThat(answered.get(10, TimeUnit.SECONDS)).isTrue();
    assertThat(menu.menu().version()).isEqualTo(3);
    assertThat(cache.current().orElseThrow().menu().version()).isEqualTo(3);
  }

  @Test
  void fetch_noAnswerInTime_isOffline() {
    assertThatThrownBy(() -> fetcher(Duration.ofMillis(500)).fetch())
        .isInstanceOfSatisfying(
            OutletException.class, e -> assertThat(e.reason()).isEqualTo(Reason.OFFLINE))
        .hasMessageContaining("did not answer");
  }

  @Test
  void fetch_anEarlierAnswerWaitingInTheInbox_isCachedAndTheWaitGoesOn() throws Exception {
    hq.sendMenu(Menus.signed(parties.hqMessages(), 5), "an-earlier-request");
    CompletableFuture<Boolean> answered = hqAnswers(Menus.signed(parties.hqMessages(), 6));

    MenuCache.CachedMenu menu = fetcher(Duration.ofSeconds(10)).fetch();

    assertThat(answered.get(10, TimeUnit.SECONDS)).isTrue();
    assertThat(menu.menu().version()).isEqualTo(6);
    assertThat(notices).anySatisfy(n -> assertThat(n).contains("version 5"));
  }

  @Test
  void fetch_answerOlderThanTheCache_isRefusedAndTheCacheKept() throws Exception {
    cache.store(Menus.signed(parties.hqMessages(), 8));
    CompletableFuture<Boolean> answered = hqAnswers(Menus.signed(parties.hqMessages(), 7));

    assertThatThrownBy(() -> fetcher(Duration.ofSeconds(10)).fetch())
        .isInstanceOfSatisfying(
            OutletException.class, e -> assertThat(e.reason()).isEqualTo(Reason.STALE_MENU));
    assertThat(answered.get(10, TimeUnit.SECONDS)).isTrue();
    assertThat(cache.current().orElseThrow().menu().version()).isEqualTo(8);
  }

  @Test
  void fetch_answerSignedByAnUnpinnedKey_isRefused() throws Exception {
    SecureMessages impostor =
        new SecureMessages(
            TestIdentities.fresh(TestParties.HQ),
            TrustStore.of(List.of(TestIdentities.pin(parties.outlet))),
            Clock.systemUTC());
    CompletableFuture<Boolean> answered = hqAnswers(Menus.signed(impostor, 50));

    assertThatThrownBy(() -> fetcher(Duration.ofSeconds(10)).fetch())
        .isInstanceOfSatisfying(
            OutletException.class, e -> assertThat(e.reason()).isEqualTo(Reason.REFUSED));
    assertThat(answered.get(10, TimeUnit.SECONDS)).isTrue();
    assertThat(cache.current()).isEmpty();
  }
}
