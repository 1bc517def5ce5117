package io.outpost.message;

/** Outpost's broker addresses (anycast, durable); the broker declares each of them up front. */
public final class Addresses {

  /** Sealed closings, outlets to HQ. */
  public static final String CLOSINGS = "outpost.closings";

  /** Signed menu requests, outlets to HQ. */
  public static final String MENU_REQUESTS = "outpost.menu.requests";

  /** Messages HQ refused, with their reason, for admins. */
  public static final String QUARANTINE = "outpost.quarantine";

  private Addresses() {}

  /** Menus and receipts for one outlet; only that outlet may consume it. */
  public static String inbox(String outletId) {
    return "outpost.outlet." + outletId + ".inbox";
  }
}
