package io.outpost.hq;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.message.Addresses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hq queues} against a running HQ on the in-JVM broker, with exit codes. */
class QueuesCommandTest {

  @TempDir static Path dir;

  private static LiveHq live;

  @BeforeAll
  static void start() throws Exception {
    live = LiveHq.start(dir, Duration.ofSeconds(10));
    live.closeTodayAtA();
    // The receipt waits in outlet-a's inbox: nobody collects it in this test.
    Eventually.await(
        "the receipt in outlet-a's inbox",
        Duration.ofSeconds(20),
        () -> live.broker.browse(Addresses.inbox(TestBroker.OUTLET_A)) == 1);
  }

  @AfterAll
  static void stop() throws Exception {
    live.close();
  }

  @Test
  void queues_adminLogin_printsDepthInFlightConsumersAndOldestAgeAndExits0() {
    CliRun run = CliRun.of("queues", "--config", live.hq.config().toString());

    assertThat(run.code()).as(run.err()).isEqualTo(0);
    assertThat(run.out().lines().findFirst())
        .hasValueSatisfying(
            header ->
                assertThat(header.split("\\s+"))
                    .containsExactly("QUEUE", "MESSAGES", "IN", "FLIGHT", "CONSUMERS", "OLDEST"));
    assertThat(run.out())
        .containsPattern("(?m)^outpost\\.closings\\s+0\\s+0\\s+1\\s+-$")
        .containsPattern("(?m)^outpost\\.menu\\.requests\\s+0\\s+0\\s+1\\s+-$")
        .containsPattern("(?m)^outpost\\.outlet\\.outlet-a\\.inbox\\s+1\\s+0\\s+0\\s+\\d+ (s|min)$")
        .containsPattern("(?m)^outpost\\.quarantine\\s+\\d+\\s+0\\s+0\\s+")
        .containsPattern("(?m)^DLQ\\s+0\\s+0\\s+0\\s+-$")
        .containsPattern("(?m)^ExpiryQueue\\s+0\\s+0\\s+0\\s+-$");
    // Closings first, the dead-letter queues last.
    assertThat(run.out().indexOf("outpost.closings")).isLessThan(run.out().indexOf("DLQ"));
  }

  @Test
  void queues_withoutAdminPasswordFile_exits1NamingTheSetting() throws Exception {
    Path config = withoutAdmin();

    CliRun run = CliRun.of("queues", "--config", config.toString());

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).contains("admin.password-file").contains("OUTPOST_ADMIN_PASSWORD_FILE");
  }

  @Test
  void queues_wrongAdminPassword_exits1SayingTheBrokerRefused() throws Exception {
    Path wrong = Files.writeString(dir.resolve("wrong-admin.pw"), "not-the-admin-password\n");

    CliRun run =
        CliRun.of(
            Map.of("OUTPOST_ADMIN_PASSWORD_FILE", wrong.toString()),
            "queues",
            "--config",
            live.hq.config().toString());

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err()).startsWith("hq: ").contains("refused").doesNotContain("not-the-admin");
  }

  @Test
  void queues_hqLoginAsAdmin_exits1BecauseHqMayNotManage() throws Exception {
    CliRun run =
        CliRun.of(
            Map.of(
                "OUTPOST_ADMIN_USER",
                TestBroker.HQ,
                "OUTPOST_ADMIN_PASSWORD_FILE",
                live.hq.dir().resolve("broker.pw").toString()),
            "queues",
            "--config",
            live.hq.config().toString());

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err()).contains("hq: ");
  }

  @Test
  void queues_unexpectedArgument_exits2() {
    CliRun run = CliRun.of("queues", "--config", live.hq.config().toString(), "extra");

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("hq queues --help");
  }

  static Path withoutAdmin() throws Exception {
    String settings = Files.readString(live.hq.config()).replaceAll("(?m)^admin\\..*$", "");
    return Files.writeString(live.hq.dir().resolve("no-admin.properties"), settings);
  }
}
