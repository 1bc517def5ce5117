package io.outpost.outlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.keystore.Passwords;
import io.outpost.message.Verified;
import io.outpost.message.payload.Closing;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI driven in-process as a script would, with captured streams and exit codes. */
class OutletCliTest {

  private static final LocalDate MONDAY = LocalDate.of(2025, 11, 24);

  @TempDir static Path keys;
  @TempDir Path dir;

  private static TestParties parties;
  private final Map<String, String> env = new HashMap<>();
  private String out;
  private String err;

  @BeforeAll
  static void identities() throws Exception {
    parties = TestParties.create(keys);
  }

  @BeforeEach
  void environment() throws Exception {
    env.putAll(parties.env(dir));
    Path passwordFile = dir.resolve("broker-password");
    Files.writeString(passwordFile, TestBroker.password(TestParties.OUTLET) + "\n");
    env.put("OUTPOST_BROKER_PASSWORD_FILE", passwordFile.toString());
    env.put("OUTPOST_CONNECT_ATTEMPTS", "2");
    env.put("OUTPOST_CONNECT_BACKOFF", "10ms");
  }

  private void offline() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      env.put("OUTPOST_BROKER_URL", "tcp://127.0.0.1:" + socket.getLocalPort());
    }
  }

  private int run(String... args) {
    return runWithInput("", args);
  }

  private int runWithInput(String input, String... args) {
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    OutletCli.Context context =
        new OutletCli.Context(
            new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
            new PrintStream(stdout, true, StandardCharsets.UTF_8),
            new PrintStream(stderr, true, StandardCharsets.UTF_8),
            Map.copyOf(env),
            Passwords.withoutTerminal(env),
            dir,
            Clock.systemUTC());
    int code = OutletCli.run(context, args);
    out = stdout.toString(StandardCharsets.UTF_8);
    err = stderr.toString(StandardCharsets.UTF_8);
    return code;
  }

  private OutboxScan outbox() throws Exception {
    return new FileOutbox(dir.resolve("outbox")).scan();
  }

  @Test
  void seal_writesAClosingThatHqOpens() throws Exception {
    Path sales = Sales.file(dir, MONDAY);

    int code =
        run(
            "seal",
            "--dir",
            keys.toString(),
            "--to",
            "hq",
            "--in",
            sales.toString(),
            "--out",
            "monday.p7m");

    assertThat(code).as(err).isEqualTo(OutletCli.OK);
    assertThat(out).contains("sequence 1").contains("monday.p7m");
    Verified<Closing> opened =
        parties.hqMessages().openClosing(Files.readAllBytes(dir.resolve("monday.p7m")));
    assertThat(opened.payload().from()).isEqualTo(TestParties.OUTLET);
    assertThat(opened.payload().businessDate()).isEqualTo(MONDAY);
    assertThat(opened.payload().lines()).hasSize(2);
  }

  @Test
  void seal_salesFromStandardInput_works() throws Exception {
    int code = runWithInput(Sales.json(MONDAY), "seal", "--in", "-", "--out", "stdin.p7m");

    assertThat(code).as(err).isEqualTo(OutletCli.OK);
    assertThat(dir.resolve("stdin.p7m")).isNotEmptyFile();
  }

  @Test
  void seal_invalidSales_failsNamingTheField() throws Exception {
    Files.writeString(
        dir.resolve("bad.json"), Sales.json(MONDAY).replace("\"quantity\":10", "\"quantity\":-1"));

    int code = run("seal", "--in", "bad.json", "--out", "bad.p7m");

    assertThat(code).isEqualTo(OutletCli.FAILED);
    assertThat(err).contains("quantity");
    assertThat(dir.resolve("bad.p7m")).doesNotExist();
  }

  @Test
  void seal_wrongKeyPassword_failsWithOneLine() throws Exception {
    env.put("OUTPOST_PASSWORD", "not the password");

    int code = run("seal", "--in", Sales.file(dir, MONDAY).toString(), "--out", "x.p7m");

    assertThat(code).isEqualTo(OutletCli.FAILED);
    assertThat(err).contains("password").doesNotContain("Exception").hasLineCount(1);
  }

  @Test
  void usageErrors_exitWithTwo() {
    assertThat(run()).isEqualTo(OutletCli.USAGE);
    assertThat(run("launch")).isEqualTo(OutletCli.USAGE);
    assertThat(err).contains("launch");
    assertThat(run("seal", "--out", "x.p7m")).isEqualTo(OutletCli.USAGE);
    assertThat(err).contains("--in");
    assertThat(run("close", "--sales", "s.json", "--amends", "not-a-uuid"))
        .isEqualTo(OutletCli.USAGE);
    assertThat(run("status", "--password", "secret")).isEqualTo(OutletCli.USAGE);
  }

  @Test
  void help_listsTheExitCodes() {
    assertThat(run("--help")).isEqualTo(OutletCli.OK);

    assertThat(out).contains("Exit codes").contains("offline").contains("close").contains("flush");
  }

  @Test
  void wrongConfigValue_failsNamingIt() {
    env.put("OUTPOST_RECEIPT_TIMEOUT", "soon");

    assertThat(run("status")).isEqualTo(OutletCli.FAILED);
    assertThat(err).contains("receipt.timeout").contains("OUTPOST_RECEIPT_TIMEOUT");
  }

  @Test
  void status_emptyOutbox_saysSo() {
    assertThat(run("status")).isEqualTo(OutletCli.OK);

    assertThat(out).contains("0 pending, 0 sent, 0 acknowledged, 0 rejected");
  }

  @Test
  void close_whileOffline_sealsIntoTheOutboxAndExitsThree() throws Exception {
    offline();

    int code = run("close", "--sales", Sales.file(dir, MONDAY).toString());

    assertThat(code).as(err).isEqualTo(OutletCli.OFFLINE);
    assertThat(out).contains("sequence 1");
    assertThat(err).contains("offline").contains("1 pending");
    assertThat(outbox().entries())
        .extracting(OutboxEntry::state)
        .containsExactly(EntryState.PENDING);

    assertThat(run("status")).isEqualTo(OutletCli.OK);
    assertThat(out).contains("1 pending").contains(MONDAY.toString()).contains("PENDING");
  }

  @Test
  void close_sameDayTwice_isRefusedWithTheAmendsHint() throws Exception {
    offline();
    Path sales = Sales.file(dir, MONDAY);
    run("close", "--sales", sales.toString());
    String first = outbox().entries().get(0).messageId().toString();

    int code = run("close", "--sales", sales.toString());

    assertThat(code).isEqualTo(OutletCli.FAILED);
    assertThat(err).contains("--amends " + first);
    assertThat(run("close", "--sales", sales.toString(), "--amends", first))
        .isEqualTo(OutletCli.OFFLINE);
    assertThat(outbox().entries()).hasSize(2);
  }

  @Test
  void menu_offlineWithoutCache_failsSayingSo() throws Exception {
    offline();

    assertThat(run("menu")).isEqualTo(OutletCli.FAILED);
    assertThat(err).contains("offline").contains("no menu is cached");
  }

  @Test
  void menu_offlineWithCache_printsTheCachedMenuWithItsAgeAndExitsThree() throws Exception {
    offline();
    new MenuCache(dir.resolve("menu"), parties.outletMessages(), TestParties.HQ)
        .store(Menus.signed(parties.hqMessages(), 4));

    int code = run("menu");

    assertThat(code).isEqualTo(OutletCli.OFFLINE);
    assertThat(out).contains("menu version 4").contains("Classic burger").contains("8.94");
    assertThat(err).contains("cached menu, received").contains("ago");
  }

  @Test
  void closeAndMenu_online_talkToHqThroughTheBroker() throws Exception {
    try (TestBroker broker = TestBroker.start(dir.resolve("instance"));
        TestHq hq =
            new TestHq(broker.url(), parties.hqMessages(), TestParties.OUTLET).startAnswering()) {
      env.put("OUTPOST_BROKER_URL", broker.url());

      int closed = run("close", "--sales", Sales.file(dir, MONDAY).toString());

      assertThat(closed).as(err).isEqualTo(OutletCli.OK);
      assertThat(out).contains("1 sent, 1 acknowledged");
      assertThat(outbox().entries())
          .extracting(OutboxEntry::state)
          .containsExactly(EntryState.ACKNOWLEDGED);

      byte[] menu = Menus.signed(parties.hqMessages(), 9);
      CompletableFuture<Boolean> answered = CompletableFuture.supplyAsync(() -> answer(hq, menu));

      int fetched = run("menu");

      assertThat(fetched).as(err).isEqualTo(OutletCli.OK);
      assertThat(answered.get(10, TimeUnit.SECONDS)).isTrue();
      assertThat(out).contains("menu version 9").contains("Large fries");
    }
  }

  private static boolean answer(TestHq hq, byte[] menu) {
    try {
      return hq.answerMenuRequest(menu, 10_000);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void main_asAProcess_exitsWithTheDocumentedCodes() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        List.of(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            OutletCli.class.getName(),
            "status");
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.environment().putAll(env);

    Process status = builder.start();
    String printed = new String(status.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(status.waitFor()).isEqualTo(OutletCli.OK);
    assertThat(printed).contains("0 pending");

    Process usage =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                OutletCli.class.getName(),
                "nonsense")
            .redirectErrorStream(true)
            .start();
    usage.getInputStream().readAllBytes();
    assertThat(usage.waitFor()).isEqualTo(OutletCli.USAGE);
  }
}
