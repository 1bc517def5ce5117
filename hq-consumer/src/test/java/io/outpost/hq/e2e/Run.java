package io.outpost.hq.e2e;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** What one command run printed and returned, as a shell would see it. */
record Run(int code, String out, String err) {

  /** A command's entry point taking streams, as {@code HqCli.run} and {@code OutletCli.run} do. */
  @FunctionalInterface
  interface Command {
    int run(InputStream in, PrintStream out, PrintStream err);
  }

  /** Runs {@code command} with empty standard input and captured output. */
  static Run of(Command command) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream stdout = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream stderr = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = command.run(new ByteArrayInputStream(new byte[0]), stdout, stderr);
    }
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** The non-empty lines of standard error. */
  List<String> errLines() {
    return err.lines().filter(line -> !line.isBlank()).toList();
  }

  /** For assertion messages: everything the command printed. */
  String transcript() {
    return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
  }
}
