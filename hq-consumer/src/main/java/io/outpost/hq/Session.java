package io.outpost.hq;

import io.outpost.keystore.Passwords;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/** What every command needs from the process: streams, environment, passwords and the clock. */
record Session(
    PrintStream out, PrintStream err, Map<String, String> env, Passwords passwords, Clock clock) {

  Session {
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(err, "err");
    Objects.requireNonNull(env, "env");
    Objects.requireNonNull(passwords, "passwords");
    Objects.requireNonNull(clock, "clock");
  }
}
