package io.outpost.keystore.cli;

import io.outpost.keystore.Passwords;
import java.io.PrintStream;
import java.util.Objects;

/** What every command needs from the process: where to print and where passwords come from. */
record Session(PrintStream out, Passwords passwords) {

  Session {
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(passwords, "passwords");
  }
}
