package io.outpost.hq.core;

/** Where messages that failed verification go, with their reason; they are never retried. */
public interface Quarantine {

  /**
   * Sends the original bytes with a reason code and a detail for operators, in the same transaction
   * as the consumption of the message.
   *
   * @param detail what an operator needs to act on; never a sales figure
   */
  void quarantine(IncomingMessage message, String reason, String detail) throws HqException;
}
