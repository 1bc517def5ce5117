package io.outpost.hq.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.hq.core.ClosingArchive;
import io.outpost.hq.core.HqException;
import io.outpost.hq.core.IssuedReceipt;
import io.outpost.hq.core.OutletState;
import io.outpost.hq.core.PendingEntry;
import io.outpost.hq.core.ReceiptLedger;
import io.outpost.hq.core.StoreOutcome;
import io.outpost.hq.core.StoredClosing;
import io.outpost.hq.core.StoredReceipt;
import io.outpost.keystore.Identity;
import io.outpost.keystore.TestIdentities;
import io.outpost.keystore.TrustStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StatusCollectorTest {

  private static final Instant NOW = Instant.parse("2026-03-14T18:00:00Z");
  private static final LocalDate TODAY = LocalDate.of(2026, 3, 14);

  private final Identity hq = TestIdentities.of("hq");
  private final Identity a = TestIdentities.of("outlet-a");
  private final Identity b = TestIdentities.of("outlet-b");
  private final Identity c = TestIdentities.of("outlet-c");
  private final FakeArchive archive = new FakeArchive();
  private final FakeLedger ledger = new FakeLedger();

  @Test
  void collect_closedAmendedAndMissing_eachOutletInItsState() {
    StoredClosing original = closing("outlet-a", 1, null, 10_000);
    StoredClosing amendment = closing("outlet-a", 2, original.messageId(), 12_000);
    archive.day.addAll(List.of(original, amendment, closing("outlet-b", 1, null, 5_000)));
    archive.chain.addAll(archive.day);
    archive.outlets.add(
        new OutletState("outlet-a", 2, "ab".repeat(32), NOW.minus(Duration.ofHours(1))));
    archive.outlets.add(
        new OutletState("outlet-c", 9, "cd".repeat(32), NOW.minus(Duration.ofDays(3))));

    HqStatus status = collector(TrustStore.of(List.of(pin(a), pin(b), pin(c))), NOW).collect();

    assertThat(status.database().up()).isTrue();
    assertThat(status.businessDay()).isEqualTo(TODAY);
    assertThat(status.outlets())
        .extracting(HqStatus.OutletRow::id, HqStatus.OutletRow::state, HqStatus.OutletRow::sequence)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("outlet-a", HqStatus.OutletRow.State.AMENDED, 2L),
            org.assertj.core.groups.Tuple.tuple("outlet-b", HqStatus.OutletRow.State.CLOSED, 1L),
            org.assertj.core.groups.Tuple.tuple(
                "outlet-c", HqStatus.OutletRow.State.MISSING, null));
    assertThat(status.totals()).containsEntry("EUR", 17_000L);
    assertThat(status.notClosed()).extracting(HqStatus.OutletRow::id).containsExactly("outlet-c");
    assertThat(status.outlets().get(2).daysSinceSeen(NOW)).isEqualTo(3);
    assertThat(status.outlets().get(1).daysSinceSeen(NOW)).isNull();
    assertThat(status.toString()).doesNotContain("17000").doesNotContain("10000");
  }

  @Test
  void collect_revokedPin_isNotExpectedToClose() {
    HqStatus status = collector(TrustStore.of(List.of(pin(a), pin(b).revoke())), NOW).collect();

    assertThat(status.outlets()).extracting(HqStatus.OutletRow::id).containsExactly("outlet-a");
    assertThat(status.certificates())
        .filteredOn(HqStatus.CertificateRow::revoked)
        .extracting(HqStatus.CertificateRow::peer)
        .containsExactly("outlet-b");
  }

  @Test
  void collect_databaseFails_reportsItDownAndStillCollectsTheRest() {
    archive.failure = new HqException(HqException.Reason.STORAGE, "database jdbc:h2:x failed");

    HqStatus status = collector(TrustStore.of(List.of(pin(a))), NOW).collect();

    assertThat(status.database().up()).isFalse();
    assertThat(status.database().detail()).contains("database jdbc:h2:x failed");
    assertThat(status.healthy()).isFalse();
    assertThat(status.broker().up()).isTrue();
    assertThat(status.outlets())
        .extracting(HqStatus.OutletRow::state)
        .containsOnly(HqStatus.OutletRow.State.MISSING);
    assertThat(status.certificates()).isNotEmpty();
  }

  @Test
  void collect_nearTheCertificatesEnd_flagsThemExpiring() {
    Instant late = a.certificate().getNotAfter().toInstant().minus(Duration.ofDays(10));

    HqStatus status = collector(TrustStore.of(List.of(pin(a))), late).collect();

    assertThat(status.expiringCertificates())
        .extracting(HqStatus.CertificateRow::peer)
        .contains("outlet-a");
    assertThat(status.expiringCertificates())
        .allSatisfy(cert -> assertThat(cert.daysLeft(late)).isLessThan(30));
  }

  @Test
  void collect_receiptsUnsentAndPending_counted() {
    ledger.unsent.add(new StoredReceipt(UUID.randomUUID(), "outlet-a", new byte[1], NOW, null));
    ledger.pending.add(
        new PendingEntry(
            "outlet-a",
            UUID.randomUUID(),
            "ab".repeat(32),
            TODAY,
            1,
            StoreOutcome.Kind.STORED,
            null));

    HqStatus status = collector(TrustStore.of(List.of(pin(a))), NOW).collect();

    assertThat(status.receiptsUnsent()).isEqualTo(1);
    assertThat(status.closingsAwaitingReceipt()).isEqualTo(1);
    assertThat(status.brokerView().available()).isFalse();
    assertThat(status.brokerView().detail()).contains("admin.password-file");
  }

  private StatusCollector collector(TrustStore trust, Instant now) {
    return new StatusCollector(
        archive,
        ledger,
        () -> trust,
        "hq",
        hq.certificate(),
        HqStatus.Check::ok,
        null,
        Clock.fixed(now, ZoneOffset.UTC),
        ZoneOffset.UTC);
  }

  private static io.outpost.keystore.PinnedCertificate pin(Identity identity) {
    return TestIdentities.pin(identity);
  }

  private static StoredClosing closing(String outlet, long sequence, UUID amends, long total) {
    return new StoredClosing(
        UUID.randomUUID(),
        outlet,
        TODAY,
        sequence,
        null,
        amends,
        "EUR",
        total,
        "ab".repeat(32),
        NOW,
        NOW);
  }

  /** The read side of a store, in memory; {@link #failure} makes every read fail. */
  private static final class FakeArchive implements ClosingArchive {
    final List<StoredClosing> day = new ArrayList<>();
    final List<StoredClosing> chain = new ArrayList<>();
    final List<OutletState> outlets = new ArrayList<>();
    HqException failure;

    @Override
    public Optional<StoredClosing> find(UUID messageId) {
      return Optional.empty();
    }

    @Override
    public Optional<byte[]> evidence(UUID messageId) {
      return Optional.empty();
    }

    @Override
    public List<StoredClosing> forDay(LocalDate businessDate) throws HqException {
      fail();
      return day.stream().filter(c -> c.businessDate().equals(businessDate)).toList();
    }

    @Override
    public List<StoredClosing> chains() throws HqException {
      fail();
      return chain;
    }

    @Override
    public List<OutletState> outlets() throws HqException {
      fail();
      return outlets;
    }

    @Override
    public List<StoredReceipt> receiptsFor(UUID messageId) {
      return List.of();
    }

    private void fail() throws HqException {
      if (failure != null) {
        throw failure;
      }
    }
  }

  /** Receipts waiting, in memory. */
  private static final class FakeLedger implements ReceiptLedger {
    final List<PendingEntry> pending = new ArrayList<>();
    final List<StoredReceipt> unsent = new ArrayList<>();

    @Override
    public List<PendingEntry> pending() {
      return pending;
    }

    @Override
    public List<IssuedReceipt> record(List<IssuedReceipt> receipts) {
      throw new UnsupportedOperationException("the status only reads");
    }

    @Override
    public List<StoredReceipt> unsent() {
      return unsent;
    }

    @Override
    public void markSent(List<UUID> receiptIds, Instant sentAt) {
      throw new UnsupportedOperationException("the status only reads");
    }
  }
}
