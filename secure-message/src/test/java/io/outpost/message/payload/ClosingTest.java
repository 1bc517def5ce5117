package io.outpost.message.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The rules a {@link Closing} enforces when built in code. */
class ClosingTest {

  private final Closing sample = SamplePayloads.closing();

  @Test
  void constructor_schemaLeftOut_usesClosingSchema() {
    assertThat(sample.schema()).isEqualTo(Closing.SCHEMA);
  }

  @Test
  void constructor_linesChangedAfterwards_keepsItsOwnCopy() {
    List<ClosingLine> lines = new ArrayList<>(sample.lines());

    Closing closing = withLines(lines, sample.total());
    lines.clear();

    assertThat(closing.lines()).hasSize(3);
    assertThatThrownBy(() -> closing.lines().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void constructor_totalNotTheSumOfAmounts_throwsNamingTotal() {
    assertThatThrownBy(() -> withLines(sample.lines(), sample.total() - 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("total:");
  }

  @Test
  void constructor_firstClosingAmendingAnother_throwsNamingAmends() {
    assertThatThrownBy(
            () ->
                SamplePayloads.salesDay()
                    .toClosing(
                        UUID.randomUUID(),
                        "outlet-042",
                        "hq",
                        SamplePayloads.CREATED_AT,
                        1,
                        null,
                        SamplePayloads.EARLIER_CLOSING_ID))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("amends:");
  }

  @Test
  void constructor_createdAtWithFiveDigitYear_throwsNamingCreatedAt() {
    assertThatThrownBy(
            () ->
                SamplePayloads.salesDay()
                    .toClosing(
                        UUID.randomUUID(),
                        "outlet-042",
                        "hq",
                        Instant.parse("+10000-01-01T00:00:00Z"),
                        1,
                        null,
                        null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("createdAt:");
  }

  @Test
  void toString_namesTheClosingWithoutItsFigures() {
    String text = sample.toString();

    assertThat(text).contains(SamplePayloads.CLOSING_ID.toString(), "sequence=7", "lines=3");
    assertThat(text).doesNotContain("56370", "36490", "890");
    assertThat(sample.lines().get(0).toString()).isEqualTo("ClosingLine[sku=BRG-CLASSIC]");
  }

  private Closing withLines(List<ClosingLine> lines, long total) {
    return new Closing(
        sample.messageId(),
        sample.from(),
        sample.to(),
        sample.createdAt(),
        sample.businessDate(),
        sample.sequence(),
        sample.previousDigest(),
        sample.amends(),
        sample.currency(),
        lines,
        total);
  }
}
