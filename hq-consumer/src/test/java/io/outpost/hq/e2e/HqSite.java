package io.outpost.hq.e2e;

import io.outpost.hq.HqCli;
import io.outpost.hq.HqConfig;
import io.outpost.hq.HqService;
import io.outpost.hq.core.ClosingArchive;
import io.outpost.hq.core.HqException;
import io.outpost.hq.jdbc.Database;
import io.outpost.hq.jms.JmsBroker;
import io.outpost.keystore.Identity;
import io.outpost.keystore.KeyFiles;
import io.outpost.keystore.TrustDirectory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * HQ's installation as an operator sets it up: the settings in environment variables (key
 * directory, key password file, broker login and password file, database URL). The tools run
 * in-process through {@link HqCli#run}; {@code serve} runs as an {@link HqService} built from the
 * same settings, so that a test can stop it and start it again.
 */
final class HqSite implements AutoCloseable {

  private final Map<String, String> env = new HashMap<>();
  private final TestDatabase database;
  private HqService service;
  private Database reader;

  HqSite(Fleet fleet, LiveBroker broker, TestDatabase database) {
    this.database = database;
    env.put("OUTPOST_BROKER_URL", broker.url());
    env.put("OUTPOST_BROKER_USER", LiveBroker.HQ);
    env.put("OUTPOST_BROKER_PASSWORD_FILE", broker.passwordFile(LiveBroker.HQ).toString());
    env.put("OUTPOST_DB_URL", database.url());
    env.put("OUTPOST_DB_USER", database.user());
    env.put("OUTPOST_KEY_DIR", fleet.keyDir(Fleet.HQ).toString());
    env.put("OUTPOST_KEY_PASSWORD_FILE", fleet.keyPasswordFile().toString());
    env.put("OUTPOST_INGEST_RECEIVE_TIMEOUT_MS", "100");
  }

  /** Runs {@code hq ARGS} with this installation's environment. */
  Run hq(String... args) {
    return hqWith(Map.of(), args);
  }

  /** Runs {@code hq ARGS} with some variables of the environment replaced. */
  Run hqWith(Map<String, String> overrides, String... args) {
    Map<String, String> environment = new HashMap<>(env);
    environment.putAll(overrides);
    return Run.of((in, out, err) -> HqCli.run(in, out, err, Map.copyOf(environment), args));
  }

  /** Starts {@code hq serve} from the same settings and key files as the tools use. */
  void serve() throws Exception {
    if (service != null) {
      throw new IllegalStateException("already serving");
    }
    HqConfig config = HqConfig.load(null, env);
    Identity identity =
        KeyFiles.load(config.keyDir(), firstLine(config.keyPasswordFile()).toCharArray());
    service =
        HqService.start(
            new HqService.Settings(
                new JmsBroker.Settings(
                    config.brokerUrl(),
                    config.brokerUser(),
                    firstLine(config.brokerPasswordFile())),
                database.settings(),
                config.batchSize(),
                config.receiveTimeout()),
            identity,
            TrustDirectory.load(config.keyDir()),
            Clock.systemUTC());
  }

  /** Drains and stops the service, as SIGTERM does. */
  void stopServing() {
    if (service != null) {
      service.close();
      service = null;
    }
  }

  /** What HQ has stored, read through its own archive. */
  ClosingArchive archive() throws HqException {
    if (reader == null) {
      reader = Database.open(database.settings());
    }
    return reader.archive();
  }

  private static String firstLine(Path file) throws IOException {
    return Files.readAllLines(file, StandardCharsets.UTF_8).get(0);
  }

  @Override
  public void close() {
    stopServing();
    if (reader != null) {
      reader.close();
    }
  }
}
