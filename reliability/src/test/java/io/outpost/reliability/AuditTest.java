package io.outpost.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The audit is the suite's oracle: its chain check and its verdict must catch what they claim. */
class AuditTest {

  private static final LocalDate DAY = LocalDate.of(2025, 1, 6);

  private static Db.Row row(String outlet, long sequence, String previous, String digest) {
    return new Db.Row(
        outlet + "-" + sequence, outlet, DAY.plusDays(sequence), sequence, previous, digest, "R");
  }

  @Test
  void chainBreaks_unbrokenChainsOfTwoOutlets_none() {
    List<Db.Row> rows =
        List.of(
            row("a", 1, null, "a1"),
            row("a", 2, "a1", "a2"),
            row("a", 3, "a2", "a3"),
            row("b", 1, null, "b1"),
            row("b", 2, "b1", "b2"));

    assertThat(Audit.chainBreaks(rows)).isZero();
  }

  @Test
  void chainBreaks_gapForkAndLateStart_eachCounted() {
    List<Db.Row> gap = List.of(row("a", 1, null, "a1"), row("a", 3, "a2", "a3"));
    List<Db.Row> fork = List.of(row("a", 1, null, "a1"), row("a", 2, "x1", "a2"));
    List<Db.Row> lateStart = List.of(row("b", 2, "b1", "b2"));

    assertThat(Audit.chainBreaks(gap)).isEqualTo(1);
    assertThat(Audit.chainBreaks(fork)).isEqualTo(1);
    assertThat(Audit.chainBreaks(lateStart)).isEqualTo(1);
  }

  @Test
  void problems_cleanRun_none() {
    Audit.Counts clean = new Audit.Counts(10, 10, 0, 0, 10, 2, 0, 0, 0, 0, 0, 0);

    assertThat(clean.problems(2)).isEmpty();
  }

  @Test
  void problems_lossReceiptedLossAndUnexpectedQuarantine_eachNamed() {
    Audit.Counts lossy = new Audit.Counts(10, 8, 2, 0, 10, 1, 0, 0, 0, 1, 0, 2);

    assertThat(lossy.problems(0))
        .contains(
            "2 closing(s) lost",
            "2 of them acknowledged by HQ's signed receipt at the outlet all the same",
            "8 stored of 10 sent",
            "1 quarantined where 0 were expected",
            "1 break(s) in the outlets' chains");
  }
}
