package io.outpost.hq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outpost.hq.core.HqException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings from file, environment and defaults, and the errors that name a wrong one. */
class HqConfigTest {

  @TempDir Path dir;

  @Test
  void load_nothingGiven_usesTheDemoDefaults() throws Exception {
    HqConfig config = HqConfig.load(null, Map.of());

    assertThat(config).isEqualTo(HqConfig.defaults());
    assertThat(config.brokerUrl()).isEqualTo("tcp://127.0.0.1:61616");
    assertThat(config.dbUrl()).startsWith("jdbc:h2:file:./hq-data/");
  }

  @Test
  void load_fileAndEnvironment_environmentWins() throws Exception {
    Path password = Files.writeString(dir.resolve("broker.pw"), "secret\n");
    Path file =
        Files.writeString(
            dir.resolve("hq.properties"),
            "broker.url=tcp://broker.example:61617\n"
                + "broker.user=hq-main\n"
                + "broker.password-file=broker.pw\n"
                + "db.url=jdbc:postgresql://db.example/hq\n"
                + "key.dir=keys\n"
                + "ingest.batch-size=64\n"
                + "ingest.threads=3\n");

    HqConfig config =
        HqConfig.load(
            file,
            Map.of(
                "OUTPOST_BROKER_USER",
                "hq-env",
                "OUTPOST_KEY_DIR",
                "/srv/keys",
                "OUTPOST_INGEST_THREADS",
                "4"));

    assertThat(config.brokerUrl()).isEqualTo("tcp://broker.example:61617");
    assertThat(config.brokerUser()).isEqualTo("hq-env");
    assertThat(config.brokerPasswordFile()).isEqualTo(password.toAbsolutePath());
    assertThat(config.dbUrl()).isEqualTo("jdbc:postgresql://db.example/hq");
    assertThat(config.keyDir()).isEqualTo(Path.of("/srv/keys"));
    assertThat(config.batchSize()).isEqualTo(64);
    assertThat(config.receiveTimeout()).isEqualTo(Duration.ofMillis(200));
    assertThat(config.ingestThreads()).isEqualTo(4);
  }

  @Test
  void load_wrongValues_failNamingTheSetting() throws Exception {
    Path file = Files.writeString(dir.resolve("hq.properties"), "ingest.batch-size=lots\n");

    assertConfigError(() -> HqConfig.load(file, Map.of()), "'ingest.batch-size' in " + file);
    assertConfigError(
        () -> HqConfig.load(null, Map.of("OUTPOST_BROKER_URL", "amqp://x:5672")),
        "OUTPOST_BROKER_URL");
    assertConfigError(
        () -> HqConfig.load(null, Map.of("OUTPOST_INGEST_THREADS", "0")), "OUTPOST_INGEST_THREADS");
    assertConfigError(
        () -> HqConfig.load(null, Map.of("OUTPOST_DB_URL", "jdbc:mysql://x/y?password=hunter2")),
        "OUTPOST_DB_URL");
    assertConfigError(
        () ->
            HqConfig.load(null, Map.of("OUTPOST_DB_PASSWORD_FILE", dir.resolve("none").toString())),
        "OUTPOST_DB_PASSWORD_FILE");
  }

  @Test
  void load_databaseUrlWithPassword_isRedactedInTheError() {
    assertThatThrownBy(
            () ->
                HqConfig.load(null, Map.of("OUTPOST_DB_URL", "jdbc:mysql://x/y?password=hunter2")))
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void load_unknownKeyInFile_failsNamingIt() throws Exception {
    Path file = Files.writeString(dir.resolve("hq.properties"), "brokr.url=tcp://x:1\n");

    assertConfigError(() -> HqConfig.load(file, Map.of()), "brokr.url");
  }

  private interface Load {
    HqConfig run() throws HqException;
  }

  private static void assertConfigError(Load load, String named) {
    assertThatThrownBy(load::run)
        .isInstanceOf(HqException.class)
        .hasMessageContaining(named)
        .satisfies(
            e -> assertThat(((HqException) e).reason()).isEqualTo(HqException.Reason.CONFIG));
  }
}
