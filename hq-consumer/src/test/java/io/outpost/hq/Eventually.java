package io.outpost.hq;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Waits for something the service does on its own threads. */
final class Eventually {

  private Eventually() {}

  /** Polls until {@code condition} holds; fails with {@code what} after {@code timeout}. */
  static void await(String what, Duration timeout, Callable<Boolean> condition) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.call()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "timed out after " + timeout.toSeconds() + " s waiting for " + what);
      }
      Thread.sleep(50);
    }
  }
}
