package io.outpost.hq.e2e;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Waits for what the service does on its own threads. */
final class Await {

  private Await() {}

  /** Polls until {@code condition} holds; fails naming {@code what} after {@code timeout}. */
  static void until(String what, Duration timeout, Callable<Boolean> condition) throws Exception {
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
