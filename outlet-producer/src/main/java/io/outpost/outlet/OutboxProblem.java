package io.outpost.outlet;

import java.nio.file.Path;
import java.util.Objects;

/**
 * An outbox entry that cannot be used as it is: truncated, altered or not an entry at all. It is
 * reported every time the outbox is read, never skipped in silence.
 *
 * @param sequence the sequence its name claims, or 0 when the name says none
 */
public record OutboxProblem(Path path, long sequence, String detail) {

  public OutboxProblem {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(detail, "detail");
  }

  /** One line that names the file and says what to do. */
  public String describe() {
    return "outbox entry " + path + ": " + detail;
  }
}
