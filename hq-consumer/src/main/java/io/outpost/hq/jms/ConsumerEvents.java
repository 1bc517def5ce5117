package io.outpost.hq.jms;

import io.outpost.hq.core.Handled;
import java.time.Duration;
import java.util.List;

/**
 * What HQ's consumers report after each unit of work, for metrics. Called on the consumer's thread
 * after the commit or rollback; an implementation returns quickly and never throws. What it is told
 * carries ids, outcomes and reason codes only, never a sales figure.
 */
public interface ConsumerEvents {

  /** Reports nothing. */
  ConsumerEvents NONE = new ConsumerEvents() {};

  /**
   * A unit of work committed.
   *
   * @param queue the queue consumed
   * @param handled what became of each message
   * @param redelivered how many of the messages the broker had delivered before (JMSXDeliveryCount
   *     above 1)
   * @param elapsed from receiving the first message of the unit to the commit
   */
  default void committed(String queue, List<Handled> handled, int redelivered, Duration elapsed) {}

  /** A unit of work of {@code messages} messages rolled back, for the broker to redeliver. */
  default void rolledBack(String queue, int messages) {}
}
