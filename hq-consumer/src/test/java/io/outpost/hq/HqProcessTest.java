package io.outpost.hq;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.keystore.TestIdentities;
import io.outpost.message.payload.Closing;
import io.outpost.message.payload.ReceiptEntry;
import jakarta.jms.Message;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hq} as a real process: the service stopped by SIGTERM, and the launcher script. */
class HqProcessTest {

  @TempDir Path dir;

  @Test
  void serve_sigterm_finishesItsWorkClosesAndExits0() throws Exception {
    try (TestBroker broker = TestBroker.start(dir.resolve("broker"))) {
      TestHq hq =
          TestHq.create(
              Files.createDirectories(dir.resolve("hq")),
              List.of(TestIdentities.of(TestBroker.OUTLET_A)),
              broker.url());
      TestOutlet outlet = TestOutlet.of(TestBroker.OUTLET_A, hq.identity(), broker);
      Path log = dir.resolve("serve.log");
      Process serve =
          new ProcessBuilder(
                  javaBinary(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  HqCli.class.getName(),
                  "serve",
                  "--config",
                  hq.config().toString())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      try {
        Eventually.await(
            "hq serve consuming closings",
            Duration.ofSeconds(60),
            () -> Files.readString(log).contains("consuming outpost.closings"));
        Closing closing = outlet.closing(LocalDate.of(2025, 3, 14), 1, null);
        outlet.sendClosing(outlet.seal(closing), closing.messageId().toString());
        List<Message> inbox = outlet.inbox(20_000);
        assertThat(inbox).hasSize(1);
        assertThat(outlet.verifyReceipt(inbox.get(0)).payload().entries())
            .extracting(ReceiptEntry::outcome)
            .containsExactly(ReceiptEntry.Outcome.STORED);

        serve.destroy();

        assertThat(serve.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = Files.readString(log);
        assertThat(serve.exitValue()).as(output).isEqualTo(0);
        assertThat(output)
            .contains("closing " + closing.messageId() + " from outlet-a: STORED")
            .contains("HQ stopped")
            .doesNotContain(String.valueOf(closing.total()))
            .doesNotContain(TestHq.PASSWORD);
      } finally {
        serve.destroyForcibly();
      }
    }
  }

  @Test
  void launcher_jarNotBuilt_printsHowToBuildAndExits2() throws Exception {
    Path repository = Path.of("").toAbsolutePath().getParent();
    Path bin = Files.createDirectories(dir.resolve("clone").resolve("bin"));
    for (String script : List.of("hq", "launch")) {
      Path copy = Files.copy(repository.resolve("bin").resolve(script), bin.resolve(script));
      copy.toFile().setExecutable(true);
    }

    Process process =
        new ProcessBuilder(bin.resolve("hq").toString(), "--help")
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(2);
    assertThat(output)
        .contains("mvn -B -DskipTests package")
        .contains(dir.resolve("clone").toString());
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
