package io.outpost.hq.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A business day's totals, missing outlets, and the gaps and forks in chains of closings. */
class DayReportTest {

  private static final LocalDate DAY = LocalDate.of(2025, 3, 14);

  @Test
  void of_outletsWithAndWithoutAClosing_listsTotalsAndTheMissing() {
    StoredClosing a = closing("outlet-a", DAY, 1, null, null, 1000);
    StoredClosing b = closing("outlet-b", DAY, 1, null, null, 2000);

    DayReport report =
        DayReport.of(
            DAY, List.of("outlet-a", "outlet-b", "outlet-c"), List.of(a, b), List.of(a, b));

    assertThat(report.closed())
        .extracting(DayReport.OutletDay::outletId, d -> d.counted().total())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("outlet-a", 1000L),
            org.assertj.core.groups.Tuple.tuple("outlet-b", 2000L));
    assertThat(report.notClosed()).containsExactly("outlet-c");
    assertThat(report.anomalies()).isEmpty();
  }

  @Test
  void of_amendedClosing_countsTheAmendment() {
    StoredClosing original = closing("outlet-a", DAY, 1, null, null, 1000);
    StoredClosing amendment =
        closing("outlet-a", DAY, 2, original.contentDigest(), original.messageId(), 1100);

    DayReport report =
        DayReport.of(
            DAY, List.of("outlet-a"), List.of(original, amendment), List.of(original, amendment));

    assertThat(report.closed())
        .singleElement()
        .satisfies(
            day -> {
              assertThat(day.counted()).isEqualTo(amendment);
              assertThat(day.amendments()).isEqualTo(1);
            });
  }

  @Test
  void chainAnomalies_missingSequences_reportsTheGap() {
    StoredClosing one = closing("outlet-a", DAY, 1, null, null, 1);
    StoredClosing four = closing("outlet-a", DAY.plusDays(3), 4, "f".repeat(64), null, 1);

    assertThat(DayReport.chainAnomalies("outlet-a", List.of(one, four)))
        .singleElement()
        .satisfies(
            anomaly -> {
              assertThat(anomaly.kind()).isEqualTo(DayReport.Anomaly.Kind.GAP);
              assertThat(anomaly.description()).contains("missing sequence 2..3");
            });
  }

  @Test
  void chainAnomalies_chainStartingLate_reportsTheGapFromOne() {
    StoredClosing two = closing("outlet-a", DAY, 2, "f".repeat(64), null, 1);

    assertThat(DayReport.chainAnomalies("outlet-a", List.of(two)))
        .extracting(DayReport.Anomaly::description)
        .singleElement()
        .asString()
        .contains("missing sequence 1 ");
  }

  @Test
  void chainAnomalies_previousDigestMismatch_reportsAFork() {
    StoredClosing one = closing("outlet-a", DAY, 1, null, null, 1);
    StoredClosing two = closing("outlet-a", DAY.plusDays(1), 2, "0".repeat(64), null, 1);

    assertThat(DayReport.chainAnomalies("outlet-a", List.of(one, two)))
        .singleElement()
        .satisfies(
            anomaly -> {
              assertThat(anomaly.kind()).isEqualTo(DayReport.Anomaly.Kind.FORK);
              assertThat(anomaly.description()).contains(one.contentDigest());
            });
  }

  @Test
  void chainAnomalies_sequenceUsedTwice_reportsAFork() {
    StoredClosing one = closing("outlet-a", DAY, 1, null, null, 1);
    StoredClosing twoA = closing("outlet-a", DAY.plusDays(1), 2, one.contentDigest(), null, 1);
    StoredClosing twoB = closing("outlet-a", DAY.plusDays(2), 2, one.contentDigest(), null, 1);

    assertThat(DayReport.chainAnomalies("outlet-a", List.of(one, twoA, twoB)))
        .extracting(DayReport.Anomaly::kind)
        .containsExactly(DayReport.Anomaly.Kind.FORK);
  }

  @Test
  void chainAnomalies_linkedChain_isClean() {
    StoredClosing one = closing("outlet-a", DAY, 1, null, null, 1);
    StoredClosing two = closing("outlet-a", DAY.plusDays(1), 2, one.contentDigest(), null, 1);
    StoredClosing three = closing("outlet-a", DAY.plusDays(2), 3, two.contentDigest(), null, 1);

    assertThat(DayReport.chainAnomalies("outlet-a", List.of(one, two, three))).isEmpty();
  }

  private static StoredClosing closing(
      String outlet, LocalDate day, long sequence, String previous, UUID amends, long total) {
    UUID id = UUID.randomUUID();
    String digest = Long.toHexString(id.getMostSignificantBits() & Long.MAX_VALUE);
    return new StoredClosing(
        id,
        outlet,
        day,
        sequence,
        previous,
        amends,
        "EUR",
        total,
        (digest + "0".repeat(64)).substring(0, 64),
        Instant.EPOCH,
        Instant.EPOCH);
  }
}
