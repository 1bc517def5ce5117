package io.outpost.message.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Turning a {@link SalesDay} into a {@link Closing}. */
class SalesDayTest {

  private final SalesDay day = SamplePayloads.salesDay();

  @Test
  void toClosing_computesAmountsAndTotal() {
    Closing closing =
        day.toClosing(
            SamplePayloads.CLOSING_ID,
            "outlet-042",
            "hq",
            SamplePayloads.CREATED_AT,
            7,
            SamplePayloads.PREVIOUS_DIGEST,
            null);

    assertThat(closing.lines())
        .extracting(ClosingLine::amount)
        .containsExactly(41L * 890, 17L * 750, 23L * 310);
    assertThat(closing.total()).isEqualTo(41L * 890 + 17L * 750 + 23L * 310);
    assertThat(closing.businessDate()).isEqualTo(day.businessDate());
    assertThat(closing.currency()).isEqualTo(day.currency());
    assertThat(closing.lines())
        .extracting(ClosingLine::sku)
        .containsExactly("BRG-CLASSIC", "WRP-FALAFEL", "COF-CAFE-AU-LAIT");
  }

  @Test
  void toClosing_firstClosing_carriesNoChainFields() {
    Closing closing =
        day.toClosing(
            UUID.randomUUID(), "outlet-042", "hq", SamplePayloads.CREATED_AT, 1, null, null);

    assertThat(closing.sequence()).isEqualTo(1);
    assertThat(closing.previousDigest()).isNull();
    assertThat(closing.amends()).isNull();
  }

  @Test
  void toClosing_invalidSender_throwsNamingFrom() {
    assertThatThrownBy(
            () ->
                day.toClosing(
                    UUID.randomUUID(), "Outlet 42", "hq", SamplePayloads.CREATED_AT, 1, null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("from:");
  }

  @Test
  void constructor_amountsOverflowingTogether_throwsNamingLines() {
    List<SalesLine> lines =
        List.of(new SalesLine("A", "First", 1, Long.MAX_VALUE), new SalesLine("B", "Second", 1, 1));

    assertThatThrownBy(() -> new SalesDay(day.businessDate(), day.currency(), lines))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("lines:");
  }

  @Test
  void constructor_noLines_throwsNamingLines() {
    assertThatThrownBy(() -> new SalesDay(day.businessDate(), day.currency(), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("lines:");
  }

  @Test
  void toString_namesTheDayWithoutItsFigures() {
    assertThat(day.toString())
        .isEqualTo("SalesDay[businessDate=2024-05-01, currency=EUR, lines=3]");
    assertThat(day.lines().get(0).toString()).isEqualTo("SalesLine[sku=BRG-CLASSIC]");
  }
}
