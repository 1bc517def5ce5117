package io.outpost.reliability;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The suite's own record of its last run: one JSON file per scenario under target/reliability/, and
 * target/reliability.md, the table that {@code reliability/publish} copies into RELIABILITY.md.
 * Nobody types these numbers.
 */
final class Results {

  /** The "total" row of the long-run table in docs/fuzzing.md: what, executions, findings. */
  private static final Pattern FUZZ_TOTAL =
      Pattern.compile("\\| total, ([^|]+)\\| ([0-9,]+) \\|[^\\n]*\\| ([0-9,]+) \\|\\s*\\n");

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Results() {}

  /** One scenario's row. */
  record Row(
      int scenario,
      String title,
      String injected,
      Audit.Counts counts,
      List<String> problems,
      Duration took,
      String reproduce,
      String notes) {

    boolean passed() {
      return problems.isEmpty();
    }
  }

  static synchronized void record(Row row) {
    Path dir = Repo.output().resolve("reliability");
    try {
      write(row, dir);
      writeTable(dir, Repo.output().resolve("reliability.md"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    System.out.printf(
        "scenario %d %s: sent %d, stored %d, quarantined %d, lost %d, duplicated %d (%s s)%s%n",
        row.scenario(),
        row.passed() ? "passed" : "FAILED",
        row.counts().sent(),
        row.counts().stored(),
        row.counts().quarantined(),
        row.counts().lost(),
        row.counts().duplicated(),
        row.took().toSeconds(),
        row.passed() ? "" : ": " + String.join("; ", row.problems()));
  }

  /** Writes the row as {@code dir/scenario-N.json}, replacing the one of an earlier run. */
  static void write(Row row, Path dir) throws IOException {
    Files.createDirectories(dir);
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("scenario", row.scenario());
    values.put("title", row.title());
    values.put("injected", row.injected());
    values.put("sent", row.counts().sent());
    values.put("stored", row.counts().stored());
    values.put("quarantined", row.counts().quarantined());
    values.put("lost", row.counts().lost());
    values.put("duplicated", row.counts().duplicated());
    values.put("acknowledged", row.counts().acknowledged());
    values.put("deadLettered", row.counts().deadLettered());
    values.put("passed", row.passed());
    values.put("problems", row.problems());
    values.put("seconds", row.took().toMillis() / 1000.0);
    values.put("reproduce", row.reproduce());
    values.put("notes", row.notes());
    values.put("ranAt", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    values.put("keyBits", Fleet.KEY_BITS);
    JSON.writeValue(dir.resolve("scenario-" + row.scenario() + ".json").toFile(), values);
  }

  /** The table of every scenario recorded under {@code dir}, plus the fuzzing row. */
  @SuppressWarnings("unchecked")
  static void writeTable(Path dir, Path target) throws IOException {
    List<Map<String, Object>> rows = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).toList()) {
        rows.add(JSON.readValue(file.toFile(), Map.class));
      }
    }
    rows.sort((a, b) -> Integer.compare(num(a, "scenario"), num(b, "scenario")));
    StringBuilder table = new StringBuilder();
    table.append(
        "| # | scenario | injected | sent | stored | quarantined | lost | duplicated | result |"
            + " time | reproduce |\n");
    table.append("|---|---|---|---:|---:|---:|---:|---:|---|---:|---|\n");
    for (Map<String, Object> row : rows) {
      table.append(
          String.format(
              "| %d | %s | %s | %s | %s | %s | %s | %s | %s | %.0f s | `%s` |%n",
              num(row, "scenario"),
              row.get("title"),
              cell(row.get("injected") + (blank(row.get("notes")) ? "" : " " + row.get("notes"))),
              row.get("sent"),
              row.get("stored"),
              row.get("quarantined"),
              row.get("lost"),
              row.get("duplicated"),
              Boolean.TRUE.equals(row.get("passed"))
                  ? "pass"
                  : "**FAIL**: " + cell(String.join("; ", (List<String>) row.get("problems"))),
              ((Number) row.get("seconds")).doubleValue(),
              row.get("reproduce")));
    }
    table.append(fuzzingRow());
    String ranAt =
        rows.stream().map(r -> (String) r.get("ranAt")).max(String::compareTo).orElse("never");
    table.append(
        String.format(
            "%nLast run: %s, RSA-%s keys, %s.%n",
            ranAt,
            rows.isEmpty() ? Fleet.KEY_BITS : rows.get(0).get("keyBits"),
            System.getProperty("os.name")
                + " "
                + Runtime.getRuntime().availableProcessors()
                + " CPUs"));
    Files.writeString(target, table.toString());
  }

  /**
   * Scenario 9 is Jazzer fuzzing of secure-message, done apart from this suite: the row points to
   * docs/fuzzing.md and quotes the total of its last long run from that document's own table.
   */
  static String fuzzingRow() {
    Path doc = Repo.root().resolve("docs").resolve("fuzzing.md");
    String figures = "long runs documented in docs/fuzzing.md (not written yet)";
    if (Files.exists(doc)) {
      figures = "long runs: [docs/fuzzing.md](docs/fuzzing.md)";
      try {
        Matcher total = FUZZ_TOTAL.matcher(Files.readString(doc));
        if (total.find()) {
          figures =
              "last long run ("
                  + total.group(1).trim()
                  + "): "
                  + total.group(2)
                  + " executions, "
                  + total.group(3)
                  + " findings, see [docs/fuzzing.md](docs/fuzzing.md)";
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return "| 9 | Fuzzing of `open` and payload parsing (Jazzer) | 8 Jazzer targets over"
        + " `openClosing`, `openSigned` and `PayloadCodec`; regression inputs replayed in every"
        + " build; "
        + figures
        + " | – | – | – | – | – | see document | – |"
        + " `mvn -B -pl secure-message test -Dtest='io.outpost.message.fuzz.*Test'` |\n";
  }

  private static int num(Map<String, Object> row, String key) {
    return ((Number) row.get(key)).intValue();
  }

  private static boolean blank(Object value) {
    return value == null || value.toString().isBlank();
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }
}
