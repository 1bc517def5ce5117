package io.outpost.message.payload;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;

/**
 * One product's sales as the till exports it. The {@code amount} may be left out and is then
 * computed; when given it must equal {@code quantity × unitPrice}. After construction it is never
 * null.
 */
public record SalesLine(
    @JsonProperty(required = true) String sku,
    @JsonProperty(required = true) String name,
    @JsonProperty(required = true) long quantity,
    @JsonProperty(required = true) long unitPrice,
    @JsonSetter(nulls = Nulls.SET) Long amount) {

  public SalesLine {
    ClosingLine.checkProduct(sku, name);
    long computed = ClosingLine.amountOf(quantity, unitPrice);
    if (amount != null && amount != computed) {
      throw new InvalidFieldException("amount", "must equal quantity × unitPrice");
    }
    amount = computed;
  }

  /** A line whose amount is computed. */
  public SalesLine(String sku, String name, long quantity, long unitPrice) {
    this(sku, name, quantity, unitPrice, null);
  }

  ClosingLine toClosingLine() {
    return new ClosingLine(sku, name, quantity, unitPrice, amount);
  }

  /** Names the product only: quantities and money stay out of logs. */
  @Override
  public String toString() {
    return "SalesLine[sku=" + sku + "]";
  }
}
