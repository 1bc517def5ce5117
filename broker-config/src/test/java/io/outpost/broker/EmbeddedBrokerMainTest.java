package io.outpost.broker;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.JMSContext;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The broker-config tool in-process with captured streams, and once as a real process. */
class EmbeddedBrokerMainTest {

  private static final String PASSWORD = "pw-from-cli-0123456";

  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void init() throws BrokerException {
    BrokerConfig.initInstance(BrokerConfig.locate(), dir);
  }

  @Test
  void addOutlet_passwordFile_exitsZeroAndWritesAHash() throws Exception {
    Path file = dir.resolve("pw");
    Files.writeString(file, PASSWORD + "\n");

    int code =
        run(
            Map.of(),
            "add-outlet",
            "outlet-7",
            "--instance",
            dir.toString(),
            "--password-file",
            file.toString(),
            "--hash-iterations",
            "10000");

    assertThat(code).isZero();
    String users = Files.readString(dir.resolve("etc/artemis-users.properties"));
    assertThat(users).contains("outlet-7 = ENC(10000:").doesNotContain(PASSWORD);
    assertThat(err.toString()).doesNotContain(PASSWORD);
    assertThat(
            PasswordHashes.matches(
                PASSWORD.toCharArray(),
                users
                    .lines()
                    .filter(l -> l.startsWith("outlet-7"))
                    .findFirst()
                    .orElseThrow()
                    .split(" = ")[1]))
        .isTrue();
  }

  @Test
  void addAdmin_passwordFromEnvironment_exitsZeroAndListShowsIt() throws Exception {
    int code =
        run(
            Map.of("OUTPOST_BROKER_PASSWORD", PASSWORD),
            "add-admin",
            "--instance",
            dir.toString(),
            "--hash-iterations",
            "10000");
    int listed = run(Map.of(), "list", "--instance", dir.toString());

    assertThat(code).isZero();
    assertThat(listed).isZero();
    assertThat(out.toString()).contains("admin: admin").contains("outlets: \n".strip());
  }

  @Test
  void addOutlet_noPasswordSource_exitsTwo() {
    int code = run(Map.of(), "add-outlet", "outlet-7", "--instance", dir.toString());

    assertThat(code).isEqualTo(EmbeddedBrokerMain.USAGE);
    assertThat(err.toString()).contains("OUTPOST_BROKER_PASSWORD");
  }

  @Test
  void passwordOnTheCommandLine_exitsTwoAndWritesNothing() throws Exception {
    String before = Files.readString(dir.resolve("etc/artemis-users.properties"));

    int code =
        run(
            Map.of(),
            "add-outlet",
            "outlet-7",
            "--instance",
            dir.toString(),
            "--password",
            PASSWORD);

    assertThat(code).isEqualTo(EmbeddedBrokerMain.USAGE);
    assertThat(Files.readString(dir.resolve("etc/artemis-users.properties"))).isEqualTo(before);
    assertThat(err.toString()).doesNotContain(PASSWORD).contains("Usage:");
  }

  @Test
  void removeOutlet_unknown_exitsOne() {
    int code = run(Map.of(), "remove-outlet", "outlet-9", "--instance", dir.toString());

    assertThat(code).isEqualTo(EmbeddedBrokerMain.FAILED);
    assertThat(err.toString()).contains("outlet-9");
  }

  @Test
  void run_asProcess_printsUrlServesLoginsAndStopsOnSigterm() throws Exception {
    TestInstances.accounts(dir).addHq("hq", TestInstances.password("hq").toCharArray());
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process =
        new ProcessBuilder(
                List.of(
                    java,
                    "-cp",
                    System.getProperty("java.class.path"),
                    EmbeddedBrokerMain.class.getName(),
                    "run",
                    "--data",
                    dir.toString(),
                    "--config",
                    BrokerConfig.locate().toString(),
                    "--port",
                    "0"))
            .redirectError(dir.resolve("stderr.txt").toFile())
            .start();
    try {
      BufferedReader stdout =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String url = CompletableFuture.supplyAsync(() -> readLine(stdout)).get(60, TimeUnit.SECONDS);
      assertThat(url).matches("tcp://127\\.0\\.0\\.1:\\d+");

      try (Client hq =
          Client.login(url, "hq", TestInstances.password("hq"), JMSContext.AUTO_ACKNOWLEDGE)) {
        hq.send("outpost.quarantine", "through the process");
      }

      process.destroy();
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).isEqualTo(143);
      assertThat(Files.readString(dir.resolve("stderr.txt"))).contains("outpost broker stopped");
    } finally {
      process.destroyForcibly();
    }
  }

  private int run(Map<String, String> env, String... args) {
    return EmbeddedBrokerMain.run(
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        env,
        args);
  }

  private static String readLine(BufferedReader reader) {
    try {
      return reader.readLine();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
