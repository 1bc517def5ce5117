package io.outpost.outlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outpost.outlet.OutletException.Reason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutletConfigTest {

  @TempDir Path dir;

  @Test
  void load_withNothingGiven_usesTheDemoDefaults() throws Exception {
    OutletConfig config = OutletConfig.load(Optional.empty(), Map.of(), dir);

    assertThat(config.brokerUrl()).isEqualTo("tcp://127.0.0.1:61616");
    assertThat(config.brokerUser()).isNull();
    assertThat(config.brokerUserOr("outlet-1")).isEqualTo("outlet-1");
    assertThat(config.brokerPasswordFile()).isNull();
    assertThat(config.keyDir()).isEqualTo(dir.resolve("keys"));
    assertThat(config.outboxDir()).isEqualTo(dir.resolve("outbox"));
    assertThat(config.hqId()).isEqualTo("hq");
    assertThat(config.menuTimeout()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void load_fileOverridesDefaults_andEnvironmentOverridesFile() throws Exception {
    Path confDir = Files.createDirectories(dir.resolve("conf"));
    Path file = confDir.resolve("outlet.properties");
    Files.writeString(
        file,
        "broker.url=tcp://broker.example:61617\n"
            + "hq.id=head-office\n"
            + "key.dir=k\n"
            + "receipt.timeout=750ms\n");

    OutletConfig config =
        OutletConfig.load(
            Optional.of(file),
            Map.of("OUTPOST_HQ_ID", "hq-2", "OUTPOST_BROKER_PASSWORD_FILE", "secret/pw"),
            dir);

    assertThat(config.brokerUrl()).isEqualTo("tcp://broker.example:61617");
    assertThat(config.hqId()).isEqualTo("hq-2");
    assertThat(config.keyDir()).isEqualTo(confDir.resolve("k"));
    assertThat(config.brokerPasswordFile()).isEqualTo(dir.resolve("secret/pw"));
    assertThat(config.receiptTimeout()).isEqualTo(Duration.ofMillis(750));
  }

  @Test
  void load_readsOutletPropertiesFromTheWorkingDirectoryWhenPresent() throws Exception {
    Files.writeString(dir.resolve(OutletConfig.DEFAULT_FILE), "outbox.dir=/var/outpost/outbox\n");

    assertThat(OutletConfig.load(Optional.empty(), Map.of(), dir).outboxDir())
        .isEqualTo(Path.of("/var/outpost/outbox"));
  }

  @Test
  void load_wrongValues_failNamingTheSettingAndItsSource() throws Exception {
    Files.writeString(dir.resolve("a.properties"), "connect.attempts=many\n");

    assertConfigError(Map.of("OUTPOST_BROKER_URL", "http://x"), "broker.url", "OUTPOST_BROKER_URL");
    assertConfigError(Map.of("OUTPOST_HQ_ID", "HQ!"), "hq.id", "OUTPOST_HQ_ID");
    assertConfigError(Map.of("OUTPOST_MENU_TIMEOUT", "10"), "menu.timeout", "OUTPOST_MENU_TIMEOUT");
    assertThatThrownBy(
            () -> OutletConfig.load(Optional.of(dir.resolve("a.properties")), Map.of(), dir))
        .hasMessageContaining("connect.attempts")
        .hasMessageContaining("a.properties");
  }

  @Test
  void load_unknownKeyOrMissingFile_isRefused() throws Exception {
    Files.writeString(dir.resolve("b.properties"), "broker.uri=tcp://x:1\n");

    assertThatThrownBy(
            () -> OutletConfig.load(Optional.of(dir.resolve("b.properties")), Map.of(), dir))
        .hasMessageContaining("unknown setting broker.uri");
    assertThatThrownBy(
            () -> OutletConfig.load(Optional.of(dir.resolve("none.properties")), Map.of(), dir))
        .hasMessageContaining("does not exist");
  }

  private void assertConfigError(Map<String, String> env, String key, String origin) {
    assertThatThrownBy(() -> OutletConfig.load(Optional.empty(), env, dir))
        .isInstanceOfSatisfying(
            OutletException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CONFIG))
        .hasMessageContaining(key)
        .hasMessageContaining(origin);
  }
}
