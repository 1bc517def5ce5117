package io.outpost.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One HQ installation run as {@code bin/hq serve --config FILE}, started again after each kill with
 * the same command and nothing else: the restart is what an init system would do.
 */
final class HqProcess implements AutoCloseable {

  private static final Pattern HANDLED =
      Pattern.compile("closing (\\S+) from (\\S+): (STORED|DUPLICATE|REJECTED|QUARANTINED)");

  private final String name;
  private final Path dir;
  private final Path home;
  private final Path config;
  private final List<Launched> runs = new ArrayList<>();
  private Launched current;

  private HqProcess(String name, Path dir, Path home, Path config) {
    this.name = name;
    this.dir = dir;
    this.home = home;
    this.config = config;
  }

  /**
   * Writes the HQ's settings file into {@code dir} (which also gets its logs); the process runs in
   * {@code home}, where HQ's default H2 database lives, and reaches the database as {@code db}
   * says.
   */
  static HqProcess create(
      String name, Path dir, Path home, Path keyDir, Party hq, String brokerUrl, Db db) {
    try {
      Files.createDirectories(dir);
      Files.createDirectories(home);
      StringBuilder settings = new StringBuilder();
      settings.append("broker.url=").append(brokerUrl).append('\n');
      settings.append("broker.user=").append(ArtemisBroker.HQ_LOGIN).append('\n');
      settings.append("broker.password-file=").append(hq.brokerPasswordFile()).append('\n');
      if (db.url() != null) {
        settings.append("db.url=").append(db.url()).append('\n');
        settings.append("db.user=").append(db.user()).append('\n');
      }
      settings.append("key.dir=").append(keyDir).append('\n');
      settings.append("key.password-file=").append(hq.keyPasswordFile()).append('\n');
      Path config = Files.writeString(dir.resolve("hq.properties"), settings.toString());
      return new HqProcess(name, dir, home, config);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Path config() {
    return config;
  }

  /** Starts {@code bin/hq serve} and waits until it consumes closings. */
  void start() {
    if (current != null && current.alive()) {
      throw new IllegalStateException(name + " is already running");
    }
    Path log = dir.resolve("serve-" + (runs.size() + 1) + ".log");
    current =
        Launched.start(
            name,
            List.of(Repo.bin("hq").toString(), "serve", "--config", config.toString()),
            Map.of(),
            home,
            log);
    runs.add(current);
    Launched run = current;
    Await.until(
        name + " consuming closings (" + log + ")",
        Duration.ofSeconds(90),
        () -> {
          if (!run.alive()) {
            throw new IllegalStateException(name + " exited:\n" + run.output());
          }
          return run.output().contains("consuming outpost.closings");
        });
  }

  /** Runs a one-shot command ({@code bin/hq report ...}) with this HQ's settings. */
  Launched.Result command(String... args) {
    List<String> command = new ArrayList<>();
    command.add(Repo.bin("hq").toString());
    command.add(args[0]);
    command.add("--config");
    command.add(config.toString());
    command.addAll(List.of(args).subList(1, args.length));
    Path log = dir.resolve(args[0] + "-" + System.nanoTime() + ".log");
    return Launched.start(
            name + " " + String.join(" ", args),
            command,
            Map.of("OUTPOST_JAVA_OPTS", Outlet.JAVA_OPTS),
            home,
            log)
        .result(Duration.ofMinutes(2));
  }

  boolean alive() {
    return current != null && current.alive();
  }

  long pid() {
    return current.pid();
  }

  void kill9() {
    current.kill9();
  }

  /** SIGTERM: HQ drains and must exit 0. */
  int stop() {
    if (current == null || !current.alive()) {
      return current == null ? 0 : current.waitFor(Duration.ofSeconds(1));
    }
    return current.terminate(Duration.ofSeconds(90));
  }

  /** Ids HQ logged with this outcome, over every run. */
  Set<String> logged(String outcome) {
    Set<String> ids = new HashSet<>();
    for (Launched run : runs) {
      Matcher matcher = HANDLED.matcher(run.output());
      while (matcher.find()) {
        if (matcher.group(3).equals(outcome)) {
          ids.add(matcher.group(1));
        }
      }
    }
    return ids;
  }

  /** Lines of every run's log that contain {@code text}. */
  long linesContaining(String text) {
    return runs.stream()
        .flatMap(run -> run.output().lines())
        .filter(line -> line.contains(text))
        .count();
  }

  int starts() {
    return runs.size();
  }

  String output() {
    StringBuilder all = new StringBuilder();
    for (Launched run : runs) {
      all.append("== ").append(run.log()).append('\n').append(run.output());
    }
    return all.toString();
  }

  @Override
  public void close() {
    if (current != null && current.alive()) {
      current.kill9();
    }
  }
}
