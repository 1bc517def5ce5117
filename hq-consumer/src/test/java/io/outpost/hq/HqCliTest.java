package io.outpost.hq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.outpost.hq.core.ClosingIngest;
import io.outpost.hq.core.Handled;
import io.outpost.hq.core.IncomingMessage;
import io.outpost.hq.core.OutletInbox;
import io.outpost.hq.core.SignedReceiptPublisher;
import io.outpost.hq.evidence.EvidenceExport;
import io.outpost.hq.jdbc.Database;
import io.outpost.keystore.Identity;
import io.outpost.keystore.TestIdentities;
import io.outpost.keystore.TrustDirectory;
import io.outpost.keystore.TrustStore;
import io.outpost.message.SecureMessages;
import io.outpost.message.payload.Closing;
import io.outpost.message.payload.Receipt;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code hq} commands run in-process as a user would, with captured streams and exit codes. */
class HqCliTest {

  private static final LocalDate DAY = LocalDate.of(2025, 3, 14);

  @TempDir static Path dir;

  private static TestHq hq;
  private static Database database;
  private static Path sealedClosing;
  private static Closing closingA;
  private static Closing closingB;

  /** What one run printed and returned. */
  record Result(int code, String out, String err) {}

  @BeforeAll
  static void installAndIngest() throws Exception {
    Identity a = TestIdentities.of(TestBroker.OUTLET_A);
    Identity b = TestIdentities.of(TestBroker.OUTLET_B);
    Identity c = TestIdentities.of("outlet-c");
    hq = TestHq.create(dir, List.of(a, b, c), "tcp://127.0.0.1:1");
    database = Database.open(hq.database());
    TrustStore outletTrust = TrustStore.of(List.of(TestIdentities.pin(hq.identity())));
    SecureMessages sealerA = new SecureMessages(a, outletTrust, Clock.systemUTC());
    SecureMessages sealerB = new SecureMessages(b, outletTrust, Clock.systemUTC());
    closingA = new TestOutlet(a, outletTrust, null).closing(DAY, 1, null);
    closingB = new TestOutlet(b, outletTrust, null).closing(DAY, 3, "ab".repeat(32));
    byte[] sealedA = sealerA.sealClosing(closingA);
    sealedClosing = Files.write(dir.resolve("closing-a.p7m"), sealedA);

    SecureMessages hqMessages =
        new SecureMessages(hq.identity(), TrustDirectory.load(hq.keyDir()), Clock.systemUTC());
    List<Handled> handled =
        new ClosingIngest(hqMessages, database.closingStore(), Clock.systemUTC())
            .ingest(
                List.of(incoming(sealedA, a.id()), incoming(sealerB.sealClosing(closingB), b.id())),
                (message, reason, detail) -> fail("quarantined: " + reason + " " + detail));
    assertThat(handled).extracting(Handled::outcome).containsOnly(Handled.Outcome.STORED);
    List<OutletInbox.Delivery> sent = new ArrayList<>();
    new SignedReceiptPublisher(
            hq.identity().id(), hqMessages, database.receiptLedger(), sent::add, Clock.systemUTC())
        .publishPending();
    assertThat(sent).hasSize(2);
  }

  @AfterAll
  static void closeDatabase() {
    database.close();
  }

  private static IncomingMessage incoming(byte[] body, String login) {
    return new IncomingMessage(body, true, login, login, "closing", UUID.randomUUID().toString());
  }

  @Test
  void open_validClosing_printsThePayloadAndExits0() {
    Result result =
        run(
            "open",
            "--dir",
            hq.keyDir().toString(),
            "--password-file",
            hq.passwordFile().toString(),
            sealedClosing.toString());

    assertThat(result.code()).as(result.err()).isEqualTo(0);
    assertThat(result.out())
        .contains("\"schema\":\"outpost.closing/1\"")
        .contains(closingA.messageId().toString());
  }

  @Test
  void open_tamperedClosing_printsTheReasonAndExits1() throws Exception {
    byte[] bytes = Files.readAllBytes(sealedClosing);
    bytes[bytes.length / 2] ^= 0x40;
    Path tampered = Files.write(dir.resolve("tampered.p7m"), bytes);

    Result result =
        run(
            "open",
            "--dir",
            hq.keyDir().toString(),
            "--password-file",
            hq.passwordFile().toString(),
            tampered.toString());

    assertThat(result.code()).isEqualTo(1);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).matches("hq: [A-Z_]+: .+\\R");
  }

  @Test
  void open_wrongPassword_exits1WithoutPrintingThePayload() throws Exception {
    Path wrong = Files.writeString(dir.resolve("wrong.pw"), "not the password\n");

    Result result =
        run(
            "open",
            "--dir",
            hq.keyDir().toString(),
            "--password-file",
            wrong.toString(),
            sealedClosing.toString());

    assertThat(result.code()).isEqualTo(1);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).contains("password");
  }

  @Test
  void open_withoutTheMessage_isAUsageError() {
    assertThat(run("open", "--dir", hq.keyDir().toString()).code()).isEqualTo(2);
  }

  @Test
  void report_businessDay_printsTotalsTheOutletsMissingAndTheGaps() {
    Result result = run("report", "--config", hq.config().toString(), "--date", DAY.toString());

    assertThat(result.code()).as(result.err()).isEqualTo(0);
    assertThat(result.out())
        .contains("Closed: 2 outlet(s)")
        .containsPattern("outlet-a +EUR +207\\.30 +sequence 1")
        .contains("total                EUR         414.60")
        .contains("Not closed: 1 outlet(s)")
        .contains("  outlet-c")
        .containsPattern("GAP +outlet-b +missing sequence 1\\.\\.2");
  }

  @Test
  void report_dayNobodyClosed_listsEveryOutletAsMissing() {
    Result result =
        run("report", "--config", hq.config().toString(), "--date", DAY.plusDays(1).toString());

    assertThat(result.code()).isEqualTo(0);
    assertThat(result.out()).contains("Closed: 0 outlet(s)").contains("Not closed: 3 outlet(s)");
  }

  @Test
  void report_malformedDate_isAUsageError() {
    Result result = run("report", "--config", hq.config().toString(), "--date", "14/03/2025");

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err()).contains("--date");
  }

  @Test
  void audit_storedClosing_saysWhoSignedItAndWhen() {
    Result result =
        run("audit", "--config", hq.config().toString(), closingA.messageId().toString());

    assertThat(result.code()).as(result.err()).isEqualTo(0);
    assertThat(result.out())
        .contains("signature verified")
        .contains(
            "signed by:      outlet-a (certificate sha256 "
                + TestIdentities.of(TestBroker.OUTLET_A).fingerprint())
        .containsPattern("signed at: +\\d{4}-\\d\\d-\\d\\dT");
  }

  @Test
  void audit_unknownMessageId_exits1() {
    Result result = run("audit", "--config", hq.config().toString(), UUID.randomUUID().toString());

    assertThat(result.code()).isEqualTo(1);
    assertThat(result.err()).contains("no stored closing");
  }

  @Test
  void audit_tamperedEvidence_exits1() throws Exception {
    UUID id = closingB.messageId();
    byte[] evidence = database.archive().evidence(id).orElseThrow();
    byte[] tampered = evidence.clone();
    int at = indexOf(tampered, "\"total\"".getBytes(StandardCharsets.UTF_8));
    tampered[at + 9] ^= 0x01;
    try {
      replaceEvidence(id, tampered);

      Result result = run("audit", "--config", hq.config().toString(), id.toString());

      assertThat(result.code()).isEqualTo(1);
      assertThat(result.err()).contains("does not verify");
    } finally {
      replaceEvidence(id, evidence);
    }
  }

  @Test
  void exportEvidence_storedClosing_writesWhatOpensslVerifiesWithTheReadmesCommands()
      throws Exception {
    Path out = dir.resolve("evidence-a");

    Result result =
        run(
            "export-evidence",
            "--config",
            hq.config().toString(),
            closingA.messageId().toString(),
            out.toString());

    assertThat(result.code()).as(result.err()).isEqualTo(0);
    assertThat(out.resolve(EvidenceExport.CLOSING_FILE)).exists();
    assertThat(out.resolve(EvidenceExport.RECEIPT_FILE)).exists();
    assertThat(out.resolve(EvidenceExport.OUTLET_CERTIFICATE_FILE)).exists();
    assertThat(out.resolve(EvidenceExport.HQ_CERTIFICATE_FILE)).exists();
    List<String> commands =
        Files.readAllLines(out.resolve(EvidenceExport.README_FILE)).stream()
            .map(String::trim)
            .filter(line -> line.startsWith("openssl cms"))
            .toList();
    assertThat(commands).hasSize(2);
    for (String command : commands) {
      Process process =
          new ProcessBuilder("bash", "-c", command)
              .directory(out.toFile())
              .redirectErrorStream(true)
              .start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).as(command + "\n" + output).isEqualTo(0);
    }
    String digest =
        HexFormat.of()
            .formatHex(
                java.security.MessageDigest.getInstance("SHA-256")
                    .digest(Files.readAllBytes(out.resolve("closing.json"))));
    assertThat(digest)
        .isEqualTo(database.archive().find(closingA.messageId()).orElseThrow().contentDigest());
    assertThat(Files.readString(out.resolve("receipt.json")))
        .contains(closingA.messageId().toString())
        .contains(digest)
        .contains(Receipt.SCHEMA);
  }

  @Test
  void exportEvidence_intoADirectoryWithTheFiles_exits1AndOverwritesNothing() throws Exception {
    Path out = Files.createDirectories(dir.resolve("evidence-busy"));
    Files.writeString(out.resolve(EvidenceExport.CLOSING_FILE), "keep me");

    Result result =
        run(
            "export-evidence",
            "--config",
            hq.config().toString(),
            closingA.messageId().toString(),
            out.toString());

    assertThat(result.code()).isEqualTo(1);
    assertThat(result.err()).contains("exists already");
    assertThat(Files.readString(out.resolve(EvidenceExport.CLOSING_FILE))).isEqualTo("keep me");
  }

  @Test
  void menuPublish_exampleDraftTwice_publishesTwoConsecutiveVersions() throws Exception {
    Path draft = Path.of("..", "examples", "menu.json");
    String config = hq.config().toString();

    Result first = run("menu", "publish", "--config", config, draft.toString());
    Result second = run("menu", "publish", "--config", config, draft.toString());

    assertThat(first.code()).as(first.err()).isEqualTo(0);
    assertThat(first.out()).startsWith("menu version ").contains("203 items");
    long firstVersion = Long.parseLong(first.out().split(" ")[2]);
    assertThat(second.out()).startsWith("menu version " + (firstVersion + 1) + " published");
  }

  @Test
  void menuPublish_invalidDraft_exits1NamingTheField() throws Exception {
    Path draft =
        Files.writeString(
            dir.resolve("bad-menu.json"),
            "{\"version\":1,\"validFrom\":\"2025-03-15\",\"currency\":\"EUR\",\"items\":["
                + "{\"sku\":\"COF-1\",\"name\":\"Espresso\",\"price\":-1}]}");

    Result result = run("menu", "publish", "--config", hq.config().toString(), draft.toString());

    assertThat(result.code()).isEqualTo(1);
    assertThat(result.err()).contains("price");
  }

  @Test
  void anyCommand_wrongSetting_exits1NamingIt() {
    Map<String, String> env = new HashMap<>();
    env.put("OUTPOST_DB_URL", "jdbc:oracle:thin:@x");

    Result result =
        run(env, "report", "--config", hq.config().toString(), "--date", DAY.toString());

    assertThat(result.code()).isEqualTo(1);
    assertThat(result.err()).startsWith("hq: OUTPOST_DB_URL is 'jdbc:oracle:thin:@x'");
  }

  @Test
  void noCommand_orUnknownCommand_isAUsageError() {
    assertThat(run().code()).isEqualTo(2);
    assertThat(run("frobnicate").code()).isEqualTo(2);
    assertThat(run("menu").code()).isEqualTo(2);
  }

  @Test
  void help_exits0AndListsTheCommands() {
    Result result = run("--help");

    assertThat(result.code()).isEqualTo(0);
    assertThat(result.out())
        .contains("open", "serve", "menu", "report", "audit", "export-evidence");
  }

  static Result run(String... args) {
    return run(Map.of(), args);
  }

  static Result run(Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        HqCli.run(
            new ByteArrayInputStream(new byte[0]),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            env,
            args);
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static void replaceEvidence(UUID id, byte[] evidence) throws Exception {
    try (Connection c = DriverManager.getConnection(hq.dbUrl(), "sa", "");
        PreparedStatement s =
            c.prepareStatement(
                "UPDATE closing_evidence SET evidence = ? WHERE closing_no ="
                    + " (SELECT closing_no FROM closings WHERE message_id = ?)")) {
      s.setBytes(1, evidence);
      s.setString(2, id.toString());
      assertThat(s.executeUpdate()).isEqualTo(1);
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("not found");
  }
}
