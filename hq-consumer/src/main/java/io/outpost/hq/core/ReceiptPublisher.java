package io.outpost.hq.core;

/** Answers what is stored: signs and sends receipts for every closing still waiting for one. */
public interface ReceiptPublisher {

  /**
   * Sends every stored-but-unsent receipt again, then signs one receipt per outlet covering all of
   * that outlet's pending entries and sends it.
   *
   * @return the number of receipts sent
   */
  int publishPending() throws HqException;
}
