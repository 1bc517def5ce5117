package io.outpost.message;

/**
 * Names of the message properties Outpost sets. They carry routing only: no sales figure ever
 * appears outside the sealed body.
 */
public final class WireProperties {

  /** One of {@link #TYPE_CLOSING}, {@link #TYPE_MENU_REQUEST}, {@link #TYPE_MENU}, {@link #TYPE_RECEIPT}, {@link #TYPE_KEY_ANNOUNCEMENT}. */
  public static final String TYPE = "outpostType";

  /** The sender's party id as claimed; the signature and the broker's validated user decide. */
  public static final String FROM = "outpostFrom";

  /** Artemis duplicate detection: set to the message id on every send. */
  public static final String DUPLICATE_ID = "_AMQ_DUPL_ID";

  /** The login the broker authenticated for the sender (populate-validated-user). */
  public static final String VALIDATED_USER = "_AMQ_VALIDATED_USER";

  /** On a quarantined message: the reason code. */
  public static final String REASON = "outpostReason";

  /** On a quarantined message: what an operator needs to act, never a sales figure. */
  public static final String DETAIL = "outpostDetail";

  public static final String TYPE_CLOSING = "closing";
  public static final String TYPE_MENU_REQUEST = "menu-request";
  public static final String TYPE_MENU = "menu";
  public static final String TYPE_RECEIPT = "receipt";
  public static final String TYPE_KEY_ANNOUNCEMENT = "key-announcement";

  private WireProperties() {}
}
