package io.outpost.bench.reply;

import io.outpost.bench.BenchException;
import io.outpost.bench.RunOutcome;
import io.outpost.bench.RunSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** A temporary working directory for one run, deleted after it whatever happened. */
final class WorkDir {

  /** The work done in the directory. */
  interface Work<T> {
    T in(Path dir) throws Exception;
  }

  private WorkDir() {}

  /**
   * Runs {@code work} in a fresh directory when {@code settings} include the run {@code name} (an
   * empty outcome otherwise); any failure but a BenchException becomes RUN_FAILED, naming {@code
   * what} failed.
   */
  static RunOutcome measure(String name, String what, RunSettings settings, Work<RunOutcome> work)
      throws BenchException {
    if (!settings.includes(name)) {
      return new RunOutcome(List.of(), List.of(), Map.of());
    }
    try {
      return use(name, work);
    } catch (BenchException e) {
      throw e;
    } catch (Exception e) {
      throw new BenchException(BenchException.Reason.RUN_FAILED, what + " failed: " + e, e);
    }
  }

  static <T> T use(String name, Work<T> work) throws Exception {
    Path dir = Files.createTempDirectory("outpost-bench-" + name);
    try {
      return work.in(dir);
    } finally {
      try (Stream<Path> paths = Files.walk(dir)) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // a temporary directory left behind is harmless
      }
    }
  }
}
