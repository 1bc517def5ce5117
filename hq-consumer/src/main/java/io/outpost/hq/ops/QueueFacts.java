package io.outpost.hq.ops;

import java.util.Objects;

/**
 * One queue as the broker's management reports it.
 *
 * @param messages messages waiting, in flight included
 * @param delivering messages handed to a consumer and not yet acknowledged
 * @param oldestAgeMillis the age of the oldest message, or null when the queue is empty
 */
public record QueueFacts(
    String name, long messages, long delivering, long consumers, Long oldestAgeMillis) {

  public QueueFacts {
    Objects.requireNonNull(name, "name");
  }

  /**
   * The oldest message's age for people ("42 s", "3 min", "2 h 5 min", "4 d 1 h"); empty if none.
   */
  public String oldestAge() {
    if (oldestAgeMillis == null) {
      return "";
    }
    long seconds = oldestAgeMillis / 1000;
    if (seconds < 60) {
      return seconds + " s";
    }
    if (seconds < 3600) {
      return seconds / 60 + " min";
    }
    if (seconds < 86_400) {
      return seconds / 3600 + " h " + (seconds % 3600) / 60 + " min";
    }
    return seconds / 86_400 + " d " + (seconds % 86_400) / 3600 + " h";
  }
}
