package io.outpost.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** Where and how a report's figures were measured. */
public record Environment(
    Instant startedAt,
    Duration wallTime,
    String java,
    String os,
    int cpus,
    String cpuModel,
    String revision,
    boolean smoke,
    RunSettings settings,
    Optional<LoadAverage> load) {

  public Environment {
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(wallTime, "wallTime");
    Objects.requireNonNull(java, "java");
    Objects.requireNonNull(os, "os");
    Objects.requireNonNull(cpuModel, "cpuModel");
    Objects.requireNonNull(revision, "revision");
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(load, "load");
  }

  /** This JVM and machine. */
  static Environment here(
      Instant startedAt,
      Duration wallTime,
      String revision,
      boolean smoke,
      RunSettings settings,
      Optional<LoadAverage> load) {
    return new Environment(
        startedAt,
        wallTime,
        System.getProperty("java.vm.name")
            + " "
            + System.getProperty("java.runtime.version", System.getProperty("java.version")),
        System.getProperty("os.name") + " " + System.getProperty("os.arch"),
        Runtime.getRuntime().availableProcessors(),
        readCpuModel(),
        revision,
        smoke,
        settings,
        load);
  }

  private static String readCpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(line -> line.startsWith("model name"))
          .map(line -> line.substring(line.indexOf(':') + 1).trim())
          .findFirst()
          .orElse("unknown CPU");
    } catch (IOException | RuntimeException e) {
      return "unknown CPU";
    }
  }
}
