package io.outpost.hq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outpost.hq.core.HqException;
import io.outpost.hq.ops.OpsSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The settings of the status port and the admin login, from the file and the environment. */
class StatusSettingsTest {

  @TempDir Path dir;

  @Test
  void load_nothingSet_servesNoPortAndHasNoAdminLogin() throws Exception {
    HqConfig config = HqConfig.load(null, Map.of());

    assertThat(config.httpPort()).isZero();
    assertThat(config.httpBind()).isEqualTo("127.0.0.1");
    assertThat(config.adminUser()).isEqualTo("admin");
    assertThat(config.adminPasswordFile()).isNull();
    assertThat(Wiring.opsSettings(config)).isNull();
    assertThat(Wiring.adminLogin(config)).isNull();
  }

  @Test
  void load_portAndAdminFromTheFile_environmentOverrides() throws Exception {
    Files.writeString(dir.resolve("admin.pw"), "the-admin-password\n");
    Path file =
        Files.writeString(
            dir.resolve("hq.properties"),
            "http.port=9471\nadmin.user=ops\nadmin.password-file=admin.pw\n");

    HqConfig config = HqConfig.load(file, Map.of("OUTPOST_HTTP_PORT", "9472"));
    OpsSettings ops = Wiring.opsSettings(config);

    assertThat(ops.port()).isEqualTo(9472);
    assertThat(ops.bindAddress()).isEqualTo("127.0.0.1");
    assertThat(ops.admin().user()).isEqualTo("ops");
    assertThat(ops.admin().password()).isEqualTo("the-admin-password");
    assertThat(ops.admin().toString()).doesNotContain("the-admin-password");
  }

  @Test
  void load_portOutOfRange_failsNamingTheSetting() throws Exception {
    Path file = Files.writeString(dir.resolve("hq.properties"), "http.port=70000\n");

    assertThatThrownBy(() -> HqConfig.load(file, Map.of()))
        .isInstanceOf(HqException.class)
        .hasMessageContaining("'http.port'")
        .hasMessageContaining("0 to 65535");
  }

  @Test
  void load_missingAdminPasswordFile_failsNamingTheVariable() {
    assertThatThrownBy(
            () ->
                HqConfig.load(
                    null,
                    Map.of("OUTPOST_ADMIN_PASSWORD_FILE", dir.resolve("absent.pw").toString())))
        .isInstanceOf(HqException.class)
        .hasMessageContaining("OUTPOST_ADMIN_PASSWORD_FILE");
  }
}
