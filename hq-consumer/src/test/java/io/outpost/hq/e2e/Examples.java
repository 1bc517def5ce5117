package io.outpost.hq.e2e;

import io.outpost.message.payload.PayloadCodec;
import io.outpost.message.payload.SalesDay;
import io.outpost.message.payload.SalesLine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

/** The repository's example files, named as a user in the module directory would name them. */
final class Examples {

  private static final Path WORKING_DIR = Path.of("").toAbsolutePath();

  private Examples() {}

  /** {@code examples/closing.json}: a day's sales. */
  static Path closing() {
    return find("closing.json");
  }

  /** {@code examples/menu.json}: a menu draft. */
  static Path menu() {
    return find("menu.json");
  }

  /**
   * The path as typed on a command line run from the working directory, such as {@code
   * ../examples/closing.json}.
   */
  static String argument(Path file) {
    return WORKING_DIR.relativize(file).toString();
  }

  static SalesDay closingDay() throws Exception {
    return new PayloadCodec().decodeSalesDay(Files.readAllBytes(closing()));
  }

  /** The example closing's total in minor units. */
  static long closingTotal() throws Exception {
    return closingDay().lines().stream().mapToLong(SalesLine::amount).sum();
  }

  /** A copy of the example closing for another business day, written into {@code dir}. */
  static Path closingFor(Path dir, LocalDate businessDate) throws Exception {
    SalesDay example = closingDay();
    SalesDay day = new SalesDay(businessDate, example.currency(), example.lines());
    return Files.write(
        dir.resolve("closing-" + businessDate + ".json"), new PayloadCodec().encode(day));
  }

  private static Path find(String name) {
    for (Path dir = WORKING_DIR; dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("examples").resolve(name);
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("no examples/" + name + " above " + WORKING_DIR);
  }
}
