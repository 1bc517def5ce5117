package io.outpost.bench.reply;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A temporary working directory for one run, deleted after it whatever happened. */
final class WorkDir {

  /** The work done in the directory. */
  interface Work<T> {
    T in(Path dir) throws Exception;
  }

  private WorkDir() {}

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
