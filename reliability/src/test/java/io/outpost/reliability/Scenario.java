package io.outpost.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** One scenario's clock and verdict: it records its row, then fails if anything was off. */
final class Scenario {

  private final int number;
  private final String title;
  private final String reproduce;
  private final long started = System.nanoTime();
  private final List<String> problems = new ArrayList<>();

  private Scenario(int number, String title, String reproduce) {
    this.number = number;
    this.title = title;
    this.reproduce = reproduce;
  }

  static Scenario begin(int number, String title, Class<?> test) {
    System.out.printf("scenario %d: %s%n", number, title);
    return new Scenario(number, title, "reliability/run " + test.getSimpleName());
  }

  /** A check of this scenario's own that failed; recorded with the counts' checks. */
  void expect(boolean ok, String problem) {
    if (!ok) {
      problems.add(problem);
    }
  }

  /** Every outlet flushed until acknowledged; what is missing becomes this scenario's problem. */
  void flushUntilAcknowledged(List<Outlet> outlets, int parallelism) {
    List<String> missing = Site.flushUntilAcknowledged(outlets, parallelism);
    missing.forEach(problem -> problems.add("not acknowledged: " + problem));
    log(
        "every outlet flushed for its receipts%s",
        missing.isEmpty() ? "" : " (" + missing.size() + " incomplete)");
  }

  void log(String format, Object... args) {
    System.out.printf(
        "  [%5.1f s] %s%n", (System.nanoTime() - started) / 1e9, String.format(format, args));
  }

  /** Records the row (whatever the outcome), then asserts that nothing was off. */
  void finish(
      Site site, String injected, Audit.Counts counts, long expectedQuarantined, String notes) {
    List<String> all = new ArrayList<>(counts.problems(expectedQuarantined));
    all.addAll(problems);
    Results.record(
        new Results.Row(
            number,
            title,
            injected.endsWith(".") ? injected : injected + ".",
            counts,
            all,
            Duration.ofNanos(System.nanoTime() - started),
            reproduce,
            ("HQ on " + site.db().describe() + ". " + notes).trim()));
    assertThat(all).as("scenario %d (%s): %s", number, title, counts).isEmpty();
  }
}
