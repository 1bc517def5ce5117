package io.outpost.hq;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.hq.core.HqException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker URL's TLS parameters are checked when the settings load: a typo there would connect in
 * clear text or trust nothing, so each mistake fails at start naming its setting.
 */
class HqConfigTlsTest {

  @TempDir Path dir;

  @Test
  void load_tlsWithAReadableTrustStore_isAccepted() throws Exception {
    Path trustStore = Files.write(dir.resolve("client-trust.p12"), new byte[] {1});
    String url =
        "tcp://broker.example:61617?sslEnabled=true;trustStorePath="
            + trustStore
            + ";trustStoreType=PKCS12;trustStorePassword=changeit;verifyHost=true";

    HqConfig config = HqConfig.load(null, Map.of("OUTPOST_BROKER_URL", url));

    assertThat(config.brokerUrl()).isEqualTo(url);
  }

  @Test
  void load_tlsMistakes_failNamingTheSettingWithoutEchoingTheUrl() throws Exception {
    Path missing = dir.resolve("nowhere.p12");
    Path file = Files.writeString(dir.resolve("hq.properties"), "key.dir=keys\n");
    record Case(String url, String problem) {}
    List<Case> cases =
        List.of(
            new Case("tcp://b:61617?sslEnabled=true", "has sslEnabled=true but no trustStorePath"),
            new Case("tcp://b:61617?sslEnabled=yes", "has sslEnabled=yes; expected true or false"),
            new Case(
                "tcp://b:61617?trustStorePath=/x.p12;trustStorePassword=secret",
                "names a trustStorePath without sslEnabled=true"),
            new Case(
                "tcp://b:61617?sslEnabled=true;trustStorePath=" + missing,
                "not an absolute path to a readable file"),
            new Case(
                "tcp://b:61617?sslEnabled=true;trustStorePath=relative.p12",
                "not an absolute path to a readable file"));
    List<String> failures = new ArrayList<>();
    for (Case c : cases) {
      for (boolean fromEnvironment : new boolean[] {true, false}) {
        String origin = fromEnvironment ? "OUTPOST_BROKER_URL" : "'broker.url' in " + file;
        try {
          if (fromEnvironment) {
            HqConfig.load(null, Map.of("OUTPOST_BROKER_URL", c.url()));
          } else {
            Files.writeString(file, "broker.url=" + c.url() + "\n");
            HqConfig.load(file, Map.of());
          }
          failures.add(c.url() + " from " + origin + ": accepted");
        } catch (HqException e) {
          boolean right =
              e.reason() == HqException.Reason.CONFIG
                  && e.getMessage().startsWith(origin)
                  && e.getMessage().contains(c.problem())
                  && !e.getMessage().contains("secret");
          if (!right) {
            failures.add(c.url() + " from " + origin + ": " + e.getMessage());
          }
        }
      }
    }
    assertThat(failures).isEmpty();
  }
}
