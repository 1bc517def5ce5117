package io.outpost.message.payload;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The outcome and reason rules of a {@link ReceiptEntry}. */
class ReceiptEntryTest {

  @Test
  void constructor_duplicateWithReason_throwsNamingReason() {
    assertThatThrownBy(() -> entry(ReceiptEntry.Outcome.DUPLICATE, "ALREADY_STORED"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("reason:");
  }

  @Test
  void constructor_rejectionWithoutReason_throwsNamingReason() {
    assertThatThrownBy(() -> entry(ReceiptEntry.Outcome.REJECTED, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("reason:");
  }

  @Test
  void constructor_rejectionWithSentence_throwsNamingReason() {
    assertThatThrownBy(() -> entry(ReceiptEntry.Outcome.REJECTED, "Sequence gap: 4 missing"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("reason:");
  }

  @Test
  void constructor_sequenceZero_throwsNamingSequence() {
    assertThatThrownBy(
            () ->
                new ReceiptEntry(
                    SamplePayloads.CLOSING_ID,
                    SamplePayloads.PREVIOUS_DIGEST,
                    SamplePayloads.BUSINESS_DATE,
                    0,
                    ReceiptEntry.Outcome.STORED,
                    null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("sequence:");
  }

  private static ReceiptEntry entry(ReceiptEntry.Outcome outcome, String reason) {
    return new ReceiptEntry(
        SamplePayloads.CLOSING_ID,
        SamplePayloads.PREVIOUS_DIGEST,
        SamplePayloads.BUSINESS_DATE,
        7,
        outcome,
        reason);
  }
}
