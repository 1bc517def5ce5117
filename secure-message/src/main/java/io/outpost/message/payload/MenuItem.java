package io.outpost.message.payload;

/** One product on a menu; {@code price} is in minor units of the menu's currency. */
public record MenuItem(String sku, String name, long price) {

  public MenuItem {
    ClosingLine.checkProduct(sku, name);
    Checks.atLeast("price", price, 0);
  }
}
