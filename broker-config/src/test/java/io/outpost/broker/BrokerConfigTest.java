package io.outpost.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding the configuration and preparing an instance from its templates. */
class BrokerConfigTest {

  @TempDir Path dir;

  @AfterEach
  void clearProperty() {
    System.clearProperty(BrokerConfig.CONFIG_PROPERTY);
  }

  @Test
  void locate_fromTheModule_findsTheRepositoryConfig() throws BrokerException {
    Path config = BrokerConfig.locate();

    assertThat(config.getFileName().toString()).isEqualTo("broker-config");
    assertThat(config.resolve("broker.xml")).isRegularFile();
    assertThat(config.resolve("login.config")).isRegularFile();
  }

  @Test
  void locate_systemPropertyNamingAnIncompleteDirectory_throwsMissingFile() {
    System.setProperty(BrokerConfig.CONFIG_PROPERTY, dir.toString());

    assertThatThrownBy(BrokerConfig::locate)
        .isInstanceOf(BrokerException.class)
        .hasMessageContaining("broker.xml")
        .extracting(e -> ((BrokerException) e).reason())
        .isEqualTo(BrokerException.Reason.MISSING_FILE);
  }

  @Test
  void locate_systemPropertyNamingAConfigDirectory_winsOverTheWalk() throws Exception {
    Path copy = dir.resolve("elsewhere");
    Files.createDirectories(copy);
    for (String name :
        new String[] {
          "broker.xml",
          "login.config",
          "artemis-users.properties",
          "artemis-roles.properties",
          "broker.properties"
        }) {
      Files.copy(BrokerConfig.locate().resolve(name), copy.resolve(name));
    }
    System.setProperty(BrokerConfig.CONFIG_PROPERTY, copy.toString());

    assertThat(BrokerConfig.locate()).isEqualTo(copy.toAbsolutePath().normalize());
  }

  @Test
  void initInstance_copiesTemplatesOnceAndKeepsEdits() throws Exception {
    Path config = BrokerConfig.locate();
    BrokerConfig.initInstance(config, dir);
    Path roles = dir.resolve("etc/artemis-roles.properties");
    Files.writeString(roles, "edited = edited\n");

    BrokerConfig.initInstance(config, dir);

    assertThat(Files.readString(roles)).isEqualTo("edited = edited\n");
    assertThat(Files.readString(dir.resolve("etc/login.config")))
        .isEqualTo(Files.readString(config.resolve("login.config")));
    assertThat(dir.resolve("etc/broker.xml")).doesNotExist();
  }
}
