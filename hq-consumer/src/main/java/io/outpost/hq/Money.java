package io.outpost.hq;

import java.math.BigDecimal;
import java.util.Currency;

/** Minor units shown in major units, with the currency's own number of decimals. */
final class Money {

  private Money() {}

  static String format(long minorUnits, String currencyCode) {
    int digits;
    try {
      digits = Math.max(0, Currency.getInstance(currencyCode).getDefaultFractionDigits());
    } catch (IllegalArgumentException e) {
      digits = 2;
    }
    return BigDecimal.valueOf(minorUnits, digits).toPlainString();
  }
}
