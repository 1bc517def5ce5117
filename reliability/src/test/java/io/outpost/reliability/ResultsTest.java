package io.outpost.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The table RELIABILITY.md receives is made from the rows the scenarios wrote, and only them. */
class ResultsTest {

  @TempDir Path dir;

  private static Audit.Counts counts(long sent, long stored) {
    return new Audit.Counts(sent, stored, sent - stored, 0, stored, 0, 0, 0, 0, 0, 0, 0);
  }

  private static Results.Row row(int scenario, Audit.Counts counts, List<String> problems) {
    return new Results.Row(
        scenario,
        "title " + scenario,
        "injected | " + scenario,
        counts,
        problems,
        Duration.ofSeconds(42),
        "reliability/run Scenario" + scenario + "IT",
        "notes " + scenario);
  }

  @Test
  void writeTable_rowsInScenarioOrderWithTheirCountsAndTheFuzzingRow() throws Exception {
    Results.write(row(2, counts(400, 400), List.of()), dir);
    Results.write(row(1, counts(2000, 1872), List.of("128 closing(s) lost")), dir);
    Path table = dir.resolve("table.md");

    Results.writeTable(dir, table);

    List<String> lines = Files.readAllLines(table);
    assertThat(lines.get(2))
        .startsWith("| 1 | title 1 | injected \\| 1 notes 1 | 2000 | 1872 | 0 | 128 | 0 |")
        .contains("**FAIL**: 128 closing(s) lost")
        .contains("`reliability/run Scenario1IT`");
    assertThat(lines.get(3)).startsWith("| 2 | title 2 |").contains("| 400 | 400 |", "| pass |");
    assertThat(lines.get(4)).startsWith("| 9 | Fuzzing");
    assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("Last run: "));
  }

  @Test
  void write_sameScenarioAgain_replacesItsRow() throws Exception {
    Results.write(row(3, counts(20, 19), List.of("1 closing(s) lost")), dir);
    Results.write(row(3, counts(20, 20), List.of()), dir);
    Path table = dir.resolve("table.md");

    Results.writeTable(dir, table);

    assertThat(Files.readString(table)).contains("| 20 | 20 |").doesNotContain("FAIL");
  }
}
