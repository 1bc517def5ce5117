package io.outpost.message.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules a {@link Receipt} enforces across its entries. */
class ReceiptTest {

  private final Receipt sample = SamplePayloads.receipt();

  @Test
  void constructor_oneEntryPerClosing_isAccepted() {
    assertThat(sample.entries())
        .extracting(ReceiptEntry::outcome)
        .containsExactly(
            ReceiptEntry.Outcome.STORED,
            ReceiptEntry.Outcome.DUPLICATE,
            ReceiptEntry.Outcome.REJECTED);
    assertThat(sample.schema()).isEqualTo(Receipt.SCHEMA);
  }

  @Test
  void constructor_sameClosingTwice_throwsNamingTheSecondEntry() {
    ReceiptEntry first = sample.entries().get(0);

    assertThatThrownBy(
            () ->
                new Receipt(
                    sample.messageId(),
                    sample.from(),
                    sample.to(),
                    sample.createdAt(),
                    List.of(first, first)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("entries[1].messageId:");
  }

  @Test
  void constructor_noEntries_throwsNamingEntries() {
    assertThatThrownBy(
            () ->
                new Receipt(
                    sample.messageId(), sample.from(), sample.to(), sample.createdAt(), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("entries:");
  }
}
