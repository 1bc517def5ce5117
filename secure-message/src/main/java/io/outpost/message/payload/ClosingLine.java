package io.outpost.message.payload;

/**
 * One product's sales in a closing: {@code amount} is {@code quantity × unitPrice} in minor units
 * of the closing's currency.
 */
public record ClosingLine(String sku, String name, long quantity, long unitPrice, long amount) {

  /** The longest sku accepted. */
  public static final int MAX_SKU_LENGTH = 64;

  /** The longest product name accepted. */
  public static final int MAX_NAME_LENGTH = 200;

  public ClosingLine {
    checkProduct(sku, name);
    if (amount != amountOf(quantity, unitPrice)) {
      throw new InvalidFieldException("amount", "must equal quantity × unitPrice");
    }
  }

  static void checkProduct(String sku, String name) {
    Checks.text("sku", sku, MAX_SKU_LENGTH);
    Checks.text("name", name, MAX_NAME_LENGTH);
  }

  /** Checks quantity and unit price and returns their exact product. */
  static long amountOf(long quantity, long unitPrice) {
    Checks.atLeast("quantity", quantity, 0);
    Checks.atLeast("unitPrice", unitPrice, 0);
    try {
      return Math.multiplyExact(quantity, unitPrice);
    } catch (ArithmeticException e) {
      throw new InvalidFieldException("amount", "quantity × unitPrice overflows a 64-bit integer");
    }
  }

  /** Names the product only: quantities and money stay out of logs. */
  @Override
  public String toString() {
    return "ClosingLine[sku=" + sku + "]";
  }
}
