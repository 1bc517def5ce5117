package io.outpost.bench.start;

import io.outpost.bench.BenchException;
import io.outpost.bench.BenchRun;
import io.outpost.bench.Comparison;
import io.outpost.bench.Measurement;
import io.outpost.bench.RunOutcome;
import io.outpost.bench.RunSettings;
import io.outpost.broker.BrokerConfig;
import io.outpost.keystore.Identity;
import io.outpost.keystore.IdentityGenerator;
import io.outpost.keystore.KeyFiles;
import io.outpost.keystore.TrustDirectory;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What starting the outlet's tool costs: the wall time of {@code bin/outlet close} as a process,
 * beside the JVM's own start ({@code java -version}) and beside the key derivation alone (loading
 * the outlet's private key, PBKDF2 with 600,000 iterations, in this JVM). The close runs offline
 * (its broker URL names a closed port, one connection attempt): validating, loading the key,
 * sealing and appending to the outbox are all measured, a flush to a live broker is not.
 */
public final class StartRun implements BenchRun {

  public static final String NAME = "start";

  /** How many processes each round starts, and the outlet's key size. */
  public record Scale(int runs, int keyBits) {

    /** The full run: 5 closes per round, an RSA-3072 key. */
    public static final Scale FULL = new Scale(5, 3072);

    /** Two closes: proves the path works, measures nothing. */
    public static final Scale SMOKE = new Scale(2, 2048);

    public Scale {
      if (runs < 1 || keyBits < 2048) {
        throw new IllegalArgumentException("runs must be positive, keys >= 2048 bits");
      }
    }
  }

  public static final String OUTLET_JAR = "outlet-producer/target/outlet-producer.jar";
  private static final String OUTLET_ID = "outlet-001";
  private static final String HQ_ID = "hq";
  private static final int OFFLINE_EXIT = 3;
  private static final Duration PROCESS_TIMEOUT = Duration.ofMinutes(2);

  private final Scale scale;

  public StartRun(Scale scale) {
    this.scale = scale;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public RunOutcome run(RunSettings settings, PrintStream progress) throws BenchException {
    if (!settings.includes(NAME)) {
      return new RunOutcome(List.of(), List.of(), Map.of());
    }
    Path work = null;
    try {
      Path root = BrokerConfig.locate().getParent();
      if (!Files.isRegularFile(root.resolve(OUTLET_JAR))) {
        String skipped =
            "skipped: "
                + OUTLET_JAR
                + " is missing; build it with 'mvn -B -DskipTests -pl outlet-producer -am"
                + " package' in "
                + root;
        progress.println("start: " + skipped);
        return new RunOutcome(List.of(), List.of(), Map.of("outlet", skipped));
      }
      work = Files.createTempDirectory("outpost-bench-start");
      return measure(settings, progress, root, work);
    } catch (BenchException e) {
      throw e;
    } catch (Exception e) {
      throw new BenchException(BenchException.Reason.RUN_FAILED, "the start run failed: " + e, e);
    } finally {
      deleteQuietly(work);
    }
  }

  private RunOutcome measure(RunSettings settings, PrintStream progress, Path root, Path work)
      throws Exception {
    progress.printf("start: generating 2 RSA-%d keys%n", scale.keyBits());
    char[] password = "bench-key-password".toCharArray();
    Path keys = work.resolve("keys");
    writeKeys(keys, password.clone());
    Path passwordFile = Files.writeString(work.resolve("password"), new String(password) + "\n");
    Files.writeString(work.resolve("broker-password"), "unused\n");
    Path sales = root.resolve("examples/closing.json");
    // Unrecorded: the first load pays for class loading, the derivation itself is what counts.
    KeyFiles.load(keys, password.clone());

    List<String> jvm = List.of("java", "-version");
    Map<String, List<List<Double>>> rounds = new LinkedHashMap<>();
    for (int round = 1; round <= settings.rounds(); round++) {
      progress.printf(
          "start: round %d of %d, %d closes as processes%n",
          round, settings.rounds(), scale.runs());
      List<Double> closes = new ArrayList<>();
      List<Double> starts = new ArrayList<>();
      List<Double> loads = new ArrayList<>();
      for (int i = 0; i < scale.runs(); i++) {
        starts.add(timeProcess(jvm, work, 0));
        long start = System.nanoTime();
        KeyFiles.load(keys, password.clone());
        loads.add((System.nanoTime() - start) / 1e6);
        // a fresh outbox each time, so that every close is the outlet's first of the day
        Path config = writeConfig(work, "close-" + round + "-" + i, keys);
        List<String> close =
            List.of(
                root.resolve("bin/outlet").toString(),
                "--config",
                config.toString(),
                "--password-file",
                passwordFile.toString(),
                "close",
                "--sales",
                sales.toString());
        closes.add(timeProcess(close, work, OFFLINE_EXIT));
      }
      rounds.computeIfAbsent("close", k -> new ArrayList<>()).add(closes);
      rounds.computeIfAbsent("jvmStart", k -> new ArrayList<>()).add(starts);
      rounds.computeIfAbsent("keyLoad", k -> new ArrayList<>()).add(loads);
    }

    Measurement close =
        measurement(
            "close",
            "ms: bin/outlet close as a process, offline: JVM start, configuration, key"
                + " derivation, sealing the example day, appending it to the outbox, one failed"
                + " connection attempt",
            rounds);
    Measurement jvmStart = measurement("jvmStart", "ms: java -version as a process", rounds);
    Measurement keyLoad =
        measurement(
            "keyLoad",
            "ms: KeyFiles.load of the outlet's RSA-"
                + scale.keyBits()
                + " key in this JVM (PBKDF2-HMAC-SHA256, 600,000 iterations)",
            rounds);
    List<Comparison> comparisons =
        List.of(
            new Comparison(
                jvmStart.id(), close.id(), "share of an outlet close that is the JVM's own start"),
            new Comparison(
                keyLoad.id(), close.id(), "share of an outlet close spent deriving the key"));
    Map<String, String> notes = new LinkedHashMap<>();
    notes.put(
        "outlet",
        String.format(
            Locale.ROOT,
            "%d closes per round, each with a fresh outbox and the example day; the outlet's"
                + " broker URL is a closed port (exit 3, offline), so no flush is measured;"
                + " processes use the java on PATH, as bin/launch does",
            scale.runs()));
    return new RunOutcome(List.of(close, jvmStart, keyLoad), comparisons, notes);
  }

  /**
   * The outlet's identity with HQ's certificate pinned beside it, as the keystore CLI leaves it.
   */
  private void writeKeys(Path keys, char[] password) throws Exception {
    Instant now = Instant.now();
    IdentityGenerator generator = new IdentityGenerator();
    Identity hq =
        generator
            .generate(HQ_ID, scale.keyBits(), now.minus(Duration.ofDays(1)), now.plusSeconds(86400))
            .identity();
    KeyFiles.write(
        keys,
        generator.generate(
            OUTLET_ID, scale.keyBits(), now.minus(Duration.ofDays(1)), now.plusSeconds(86400)),
        password);
    TrustDirectory.pin(keys, hq.certificate(), hq.fingerprint());
  }

  private static Path writeConfig(Path work, String name, Path keys) throws IOException {
    Path dir = Files.createDirectory(work.resolve(name));
    String config =
        String.join(
            "\n",
            "broker.url=tcp://127.0.0.1:" + closedPort(),
            "broker.user=" + OUTLET_ID,
            "broker.passwordFile=" + work.resolve("broker-password"),
            "connect.attempts=1",
            "key.dir=" + keys,
            "outbox.dir=" + dir.resolve("outbox"),
            "menu.dir=" + dir.resolve("menu"),
            "hq.id=" + HQ_ID,
            "");
    return Files.writeString(dir.resolve("outlet.properties"), config, StandardCharsets.UTF_8);
  }

  /** A port nothing listens on: one just released by this JVM. */
  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /**
   * Runs {@code command} to its end; its wall time in ms. Its exit code must be {@code expected}.
   */
  private static double timeProcess(List<String> command, Path dir, int expected) throws Exception {
    Path output = dir.resolve("process.out");
    long start = System.nanoTime();
    Process process =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    if (!process.waitFor(PROCESS_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException(command.get(0) + " did not end within " + PROCESS_TIMEOUT);
    }
    double millis = (System.nanoTime() - start) / 1e6;
    if (process.exitValue() != expected) {
      throw new IllegalStateException(
          String.join(" ", command)
              + " exited with "
              + process.exitValue()
              + ", not "
              + expected
              + ": "
              + Files.readString(output));
    }
    return millis;
  }

  private static Measurement measurement(
      String name, String label, Map<String, List<List<Double>>> rounds) {
    return new Measurement(
        Measurement.idOf(NAME, name, 1),
        NAME,
        name,
        label,
        "ms",
        1,
        0,
        rounds.get(name),
        List.of());
  }

  private static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary directory left behind is harmless
    }
  }
}
