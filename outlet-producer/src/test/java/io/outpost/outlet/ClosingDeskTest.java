package io.outpost.outlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outpost.message.Verified;
import io.outpost.message.payload.Closing;
import io.outpost.outlet.OutletException.Reason;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClosingDeskTest {

  private static final LocalDate MONDAY = LocalDate.of(2025, 11, 24);
  private static final LocalDate TUESDAY = LocalDate.of(2025, 11, 25);

  @TempDir static Path keys;
  @TempDir Path dir;

  private static TestParties parties;
  private FileOutbox outbox;
  private ClosingDesk desk;

  @BeforeAll
  static void identities() throws Exception {
    parties = TestParties.create(keys);
  }

  @BeforeEach
  void desk() {
    outbox = new FileOutbox(dir);
    desk =
        new ClosingDesk(
            new ClosingSealer(
                parties.outletMessages(), TestParties.OUTLET, TestParties.HQ, Clock.systemUTC()));
  }

  @Test
  void close_firstDay_isSequenceOneAndHqOpensIt() throws Exception {
    OutboxEntry entry;
    try (Outbox.Locked lock = outbox.lock()) {
      entry = desk.close(lock, Sales.day(MONDAY), Optional.empty());
    }

    Verified<Closing> opened = parties.hqMessages().openClosing(outbox.read(entry));

    assertThat(opened.payload().sequence()).isEqualTo(1);
    assertThat(opened.payload().previousDigest()).isNull();
    assertThat(opened.payload().businessDate()).isEqualTo(MONDAY);
    assertThat(opened.payload().total()).isEqualTo(10 * 890 + 7 * 390);
    assertThat(opened.contentDigest()).isEqualTo(entry.meta().contentDigest());
    assertThat(entry.state()).isEqualTo(EntryState.PENDING);
  }

  @Test
  void close_nextDay_chainsToThePreviousClosingsDigest() throws Exception {
    OutboxEntry first;
    OutboxEntry second;
    try (Outbox.Locked lock = outbox.lock()) {
      first = desk.close(lock, Sales.day(MONDAY), Optional.empty());
      second = desk.close(lock, Sales.day(TUESDAY), Optional.empty());
    }

    Closing closing = parties.hqMessages().openClosing(outbox.read(second)).payload();

    assertThat(closing.sequence()).isEqualTo(2);
    assertThat(closing.previousDigest()).isEqualTo(first.meta().contentDigest());
  }

  @Test
  void close_sameDayAgain_isRefusedAndPointsToAmends() throws Exception {
    try (Outbox.Locked lock = outbox.lock()) {
      OutboxEntry first = desk.close(lock, Sales.day(MONDAY), Optional.empty());

      assertThatThrownBy(() -> desk.close(lock, Sales.day(MONDAY), Optional.empty()))
          .isInstanceOfSatisfying(
              OutletException.class, e -> assertThat(e.reason()).isEqualTo(Reason.ALREADY_CLOSED))
          .hasMessageContaining("--amends " + first.messageId());
    }
    assertThat(outbox.scan().entries()).hasSize(1);
  }

  @Test
  void close_withAmends_sealsACorrectionNamingTheAmendedClosing() throws Exception {
    OutboxEntry correction;
    OutboxEntry first;
    try (Outbox.Locked lock = outbox.lock()) {
      first = desk.close(lock, Sales.day(MONDAY), Optional.empty());
      correction = desk.close(lock, Sales.day(MONDAY), Optional.of(first.messageId()));
    }

    Closing closing = parties.hqMessages().openClosing(outbox.read(correction)).payload();

    assertThat(closing.amends()).isEqualTo(first.messageId());
    assertThat(correction.meta().amends()).isEqualTo(first.messageId());
    assertThat(correction.sequence()).isEqualTo(2);
  }

  @Test
  void close_amendsAClosingOfAnotherDayOrNotTheLatest_isRefused() throws Exception {
    try (Outbox.Locked lock = outbox.lock()) {
      OutboxEntry monday = desk.close(lock, Sales.day(MONDAY), Optional.empty());
      desk.close(lock, Sales.day(MONDAY), Optional.of(monday.messageId()));

      assertThatThrownBy(
              () -> desk.close(lock, Sales.day(TUESDAY), Optional.of(monday.messageId())))
          .hasMessageContaining("no closing of " + TUESDAY);
      assertThatThrownBy(() -> desk.close(lock, Sales.day(MONDAY), Optional.of(monday.messageId())))
          .hasMessageContaining("amend that one");
    }
  }
}
