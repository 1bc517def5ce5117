package io.outpost.message.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Amounts given or computed in a {@link SalesLine}. */
class SalesLineTest {

  @Test
  void constructor_amountLeftOut_computesIt() {
    SalesLine line = new SalesLine("BRG-CLASSIC", "Classic burger", 41, 890);

    assertThat(line.amount()).isEqualTo(36_490L);
    assertThat(line).isEqualTo(new SalesLine("BRG-CLASSIC", "Classic burger", 41, 890, 36_490L));
  }

  @Test
  void constructor_amountNotQuantityTimesPrice_throwsNamingAmount() {
    assertThatThrownBy(() -> new SalesLine("BRG-CLASSIC", "Classic burger", 41, 890, 36_491L))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("amount:");
  }

  @Test
  void constructor_productOverflows_throwsNamingAmount() {
    assertThatThrownBy(() -> new SalesLine("X", "Too much", Long.MAX_VALUE / 2, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("amount:");
  }

  @Test
  void constructor_zeroQuantity_isAccepted() {
    assertThat(new SalesLine("DSR-SUNDAE", "Sundae", 0, 390).amount()).isZero();
  }
}
