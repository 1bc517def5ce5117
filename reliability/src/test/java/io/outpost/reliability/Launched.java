package io.outpost.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A process the suite started, with its standard output and error in one log file. The bin/ scripts
 * exec the JVM, so the process is the JVM itself and {@link #kill9} is a real kill -9.
 */
final class Launched {

  /** Every process started and not yet seen to end, so that a failed scenario leaves none. */
  private static final Set<Launched> RUNNING = ConcurrentHashMap.newKeySet();

  private final String name;
  private final Process process;
  private final Path log;

  private Launched(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /**
   * Starts {@code command} in {@code workDir}; the environment has no OUTPOST_ variable but ours.
   */
  static Launched start(
      String name, List<String> command, Map<String, String> env, Path workDir, Path log) {
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
    builder.environment().keySet().removeIf(key -> key.startsWith("OUTPOST_"));
    builder.environment().remove("JAVA_TOOL_OPTIONS");
    builder.environment().putAll(env);
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    try {
      Files.createDirectories(workDir);
      Launched launched = new Launched(name, builder.start(), log);
      RUNNING.add(launched);
      launched.process.onExit().thenRun(() -> RUNNING.remove(launched));
      return launched;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name + ": " + command, e);
    }
  }

  /** Kills every process still running except the broker, which scenarios share. */
  static void killLeftovers() {
    for (Launched launched : List.copyOf(RUNNING)) {
      if (!launched.name.equals(ArtemisBroker.PROCESS_NAME)) {
        launched.kill9();
      }
    }
  }

  String name() {
    return name;
  }

  long pid() {
    return process.pid();
  }

  boolean alive() {
    return process.isAlive();
  }

  Path log() {
    return log;
  }

  String output() {
    try {
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** SIGKILL: no shutdown hook, no flush, no goodbye. */
  void kill9() {
    process.destroyForcibly();
    waitFor(Duration.ofSeconds(30));
  }

  /** SIGTERM, then the exit code once it has stopped. */
  int terminate(Duration timeout) {
    process.destroy();
    return waitFor(timeout);
  }

  /** The exit code; fails (and kills the process) when it does not end in time. */
  int waitFor(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(
            name + " did not end within " + timeout.toSeconds() + " s; see " + log);
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IllegalStateException("interrupted while waiting for " + name, e);
    }
  }

  /** Waits for the end and returns what the command did. */
  Result result(Duration timeout) {
    int exit = waitFor(timeout);
    return new Result(name, exit, output());
  }

  /** What one command did: its exit code and everything it printed. */
  record Result(String command, int exit, String output) {
    @Override
    public String toString() {
      return command + " exited " + exit + ":\n" + output;
    }
  }

  @Override
  public String toString() {
    return name + " (pid " + process.pid() + ")";
  }
}
