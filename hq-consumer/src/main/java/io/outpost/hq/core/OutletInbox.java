package io.outpost.hq.core;

import java.util.Objects;

/** Sends signed bytes to one outlet's inbox (menus and receipts). */
public interface OutletInbox {

  /** Sends persistently; returns once the broker has accepted the message. */
  void deliver(Delivery delivery) throws HqException;

  /**
   * One message for an outlet.
   *
   * @param duplicateId the broker's duplicate-detection id, so that a resend is dropped
   * @param correlationId the id of the request this answers, or null
   */
  record Delivery(
      String outletId, String type, byte[] body, String duplicateId, String correlationId) {

    public Delivery {
      Objects.requireNonNull(outletId, "outletId");
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(body, "body");
      Objects.requireNonNull(duplicateId, "duplicateId");
    }
  }
}
