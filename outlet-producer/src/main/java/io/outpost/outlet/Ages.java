package io.outpost.outlet;

import java.time.Duration;

/** Durations as people read them in a status table: 45s, 12m, 3h 05m, 2d 04h. */
final class Ages {

  private Ages() {}

  static String format(Duration age) {
    long seconds = Math.max(0, age.getSeconds());
    if (seconds < 60) {
      return seconds + "s";
    }
    long minutes = seconds / 60;
    if (minutes < 60) {
      return minutes + "m";
    }
    long hours = minutes / 60;
    if (hours < 24) {
      return String.format("%dh %02dm", hours, minutes % 60);
    }
    return String.format("%dd %02dh", hours / 24, hours % 24);
  }
}
