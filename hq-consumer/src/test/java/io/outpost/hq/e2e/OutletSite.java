package io.outpost.hq.e2e;

import io.outpost.keystore.TestIdentities;
import io.outpost.keystore.TrustStore;
import io.outpost.message.SecureMessages;
import io.outpost.outlet.OutletCli;
import java.io.IOException;
import java.io.Reader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * One outlet's installation: its key directory from the {@link Fleet}, its own outbox and menu
 * cache, and its broker login, all given to {@code bin/outlet} through the environment as a script
 * would. Commands run in-process through {@link OutletCli#run}.
 */
final class OutletSite {

  private final String id;
  private final Fleet fleet;
  private final Path dir;
  private final Map<String, String> env = new HashMap<>();

  OutletSite(String id, Fleet fleet, LiveBroker broker, Path dir) {
    this.id = id;
    this.fleet = fleet;
    this.dir = dir;
    env.put("OUTPOST_BROKER_URL", broker.url());
    env.put("OUTPOST_BROKER_PASSWORD_FILE", broker.passwordFile(id).toString());
    env.put("OUTPOST_KEY_DIR", fleet.keyDir(id).toString());
    env.put("OUTPOST_OUTBOX_DIR", outbox().toString());
    env.put("OUTPOST_MENU_DIR", dir.resolve("menu").toString());
    env.put("OUTPOST_PASSWORD", fleet.keyPassword());
    env.put("OUTPOST_CONNECT_BACKOFF", "100ms");
    // menu and flush return as soon as HQ answers; the bounds only cover HQ reconnecting after a
    // broker restart on a busy machine
    env.put("OUTPOST_MENU_TIMEOUT", "30s");
    env.put("OUTPOST_RECEIPT_TIMEOUT", "30s");
  }

  String id() {
    return id;
  }

  /** The environment its commands run with. */
  Map<String, String> environment() {
    return Map.copyOf(env);
  }

  /** Runs {@code outlet ARGS} with this outlet's environment. */
  Run outlet(String... args) {
    return outletWith(Map.of(), args);
  }

  /** Runs {@code outlet ARGS} with some variables of the environment replaced. */
  Run outletWith(Map<String, String> overrides, String... args) {
    Map<String, String> environment = new HashMap<>(env);
    environment.putAll(overrides);
    return Run.of((in, out, err) -> OutletCli.run(in, out, err, Map.copyOf(environment), args));
  }

  /** Runs {@code outlet ARGS} making one attempt to reach the broker (for when it is down). */
  Run outletOffline(String... args) {
    return outletWith(Map.of("OUTPOST_CONNECT_ATTEMPTS", "1"), args);
  }

  /**
   * Runs {@code outlet ARGS} with the outlet's own network cut off while the broker and HQ stay up:
   * its broker address leads nowhere.
   */
  Run outletCutOff(String... args) throws IOException {
    int deadPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      deadPort = socket.getLocalPort();
    }
    return outletWith(
        Map.of(
            "OUTPOST_BROKER_URL", "tcp://127.0.0.1:" + deadPort, "OUTPOST_CONNECT_ATTEMPTS", "1"),
        args);
  }

  Path outbox() {
    return dir.resolve("outbox");
  }

  /** The outbox entries' directories, in sequence order. */
  List<Path> entries() throws IOException {
    if (!Files.isDirectory(outbox())) {
      return List.of();
    }
    try (Stream<Path> paths = Files.list(outbox())) {
      return paths.filter(p -> Files.isRegularFile(p.resolve("closing.p7m"))).sorted().toList();
    }
  }

  /** An outbox entry's sealed bytes, exactly as the outlet sent them. */
  static byte[] sealed(Path entry) throws IOException {
    return Files.readAllBytes(entry.resolve("closing.p7m"));
  }

  /** An entry's recorded metadata (message id, business date, sequence, content digest). */
  static Properties meta(Path entry) throws IOException {
    Properties meta = new Properties();
    try (Reader reader =
        Files.newBufferedReader(entry.resolve("meta.properties"), StandardCharsets.UTF_8)) {
      meta.load(reader);
    }
    return meta;
  }

  static UUID messageId(Path entry) throws IOException {
    return UUID.fromString(meta(entry).getProperty("messageId"));
  }

  /** The HQ receipts the outlet verified and kept as evidence. */
  List<Path> keptReceipts() throws IOException {
    try (Stream<Path> paths = Files.list(outbox().resolve("receipts"))) {
      return paths.sorted().toList();
    }
  }

  /** The outlet's own view of messages, as its tools build it from its key files. */
  SecureMessages messages() {
    return new SecureMessages(
        fleet.identity(id),
        TrustStore.of(List.of(TestIdentities.pin(fleet.identity(Fleet.HQ)))),
        Clock.systemUTC());
  }
}
