package io.outpost.hq;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.hq.ops.BrokerLogin;
import io.outpost.hq.ops.QuarantineQueue;
import io.outpost.hq.ops.QuarantinedMessage;
import io.outpost.keystore.Identity;
import io.outpost.keystore.TestIdentities;
import io.outpost.keystore.TrustDirectory;
import io.outpost.message.Addresses;
import io.outpost.message.Verified;
import io.outpost.message.WireProperties;
import io.outpost.message.payload.Closing;
import io.outpost.message.payload.Receipt;
import io.outpost.message.payload.ReceiptEntry;
import jakarta.jms.Message;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hq quarantine list|show|release|drop} against a running HQ: outlet-b is not pinned, so its
 * closing and menu request land in quarantine; the closing is released once outlet-b is pinned.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QuarantineCommandTest {

  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir static Path dir;

  private static LiveHq live;
  private static Closing closingB;
  private static String closingId;
  private static String menuRequestId;

  @BeforeAll
  static void startAndQuarantine() throws Exception {
    live = LiveHq.start(dir, Duration.ofSeconds(10));
    closingB = live.closeTodayAtUnpinnedB();
    live.outletB.requestMenu(0);
    Eventually.await(
        "two messages in quarantine", WAIT, () -> live.broker.browse(Addresses.QUARANTINE) == 2);
    for (QuarantinedMessage m : quarantined()) {
      if (WireProperties.TYPE_CLOSING.equals(m.type())) {
        closingId = m.id();
      } else {
        menuRequestId = m.id();
      }
    }
    assertThat(closingId).isNotNull();
    assertThat(menuRequestId).isNotNull();
  }

  @AfterAll
  static void stop() throws Exception {
    live.close();
  }

  @Test
  @Order(1)
  void list_printsIdTimeReasonClaimedSenderValidatedUserAndSize() {
    CliRun run = CliRun.of("quarantine", "list", "--config", config());

    assertThat(run.code()).as(run.err()).isEqualTo(0);
    assertThat(run.out())
        .contains("ID")
        .contains("REASON")
        .containsPattern(
            "(?m)^"
                + closingId
                + "\\s+\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\\s+UNKNOWN_SENDER\\s+outlet-b\\s+"
                + "outlet-b\\s+\\d{3,}$")
        .contains(menuRequestId)
        .contains("2 message(s)");
  }

  @Test
  @Order(2)
  void show_printsEveryPropertyAndTheDigestNeverTheContent() {
    CliRun run = CliRun.of("quarantine", "show", closingId, "--config", config());

    assertThat(run.code()).as(run.err()).isEqualTo(0);
    assertThat(run.out())
        .contains("id:             " + closingId)
        .contains("reason:         UNKNOWN_SENDER")
        .contains("validated user: outlet-b")
        .contains("original id:    " + closingB.messageId())
        .containsPattern("sha256:         [0-9a-f]{64}")
        .contains("  _AMQ_DUPL_ID = " + closingB.messageId())
        .contains("  outpostBrokerUser = outlet-b")
        .contains("  JMSXUserID = hq")
        .doesNotContain("Espresso")
        .doesNotContain("20730");
  }

  @Test
  @Order(3)
  void release_stillUnpinned_exits1AndLeavesItInQuarantine() throws Exception {
    CliRun run = CliRun.of("quarantine", "release", closingId, "--config", config());

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err()).contains("still does not verify").contains("UNKNOWN_SENDER");
    assertThat(ids()).contains(closingId);
  }

  @Test
  @Order(4)
  void release_menuRequest_exits1BecauseOnlyClosingsAreReleased() throws Exception {
    CliRun run = CliRun.of("quarantine", "release", menuRequestId, "--config", config());

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err()).contains("not a closing");
    assertThat(ids()).contains(menuRequestId);
  }

  @Test
  @Order(5)
  void release_afterPinningTheOutlet_storesAnswersWithAReceiptAndRemovesIt() throws Exception {
    Identity b = TestIdentities.of(TestBroker.OUTLET_B);
    TrustDirectory.pin(live.hq.keyDir(), b.certificate(), b.fingerprint());

    CliRun run = CliRun.of("quarantine", "release", "ID:" + closingId, "--config", config());

    assertThat(run.code()).as(run.err()).isEqualTo(0);
    assertThat(run.out())
        .contains("released " + closingId)
        .contains("closing " + closingB.messageId() + " from outlet-b STORED")
        .contains("1 receipt(s) sent");
    assertThat(ids()).doesNotContain(closingId);
    List<Message> inbox = live.outletB.inbox(5_000);
    assertThat(inbox).hasSize(1);
    Verified<Receipt> receipt = live.outletB.verifyReceipt(inbox.get(0));
    assertThat(receipt.payload().entries())
        .singleElement()
        .satisfies(
            entry -> {
              assertThat(entry.messageId()).isEqualTo(closingB.messageId());
              assertThat(entry.outcome()).isEqualTo(ReceiptEntry.Outcome.STORED);
            });
  }

  @Test
  @Order(6)
  void release_sameIdAgain_exits1NotFound() {
    CliRun run = CliRun.of("quarantine", "release", closingId, "--config", config());

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err()).contains("no message " + closingId);
  }

  @Test
  @Order(7)
  void drop_removesItAndPrintsTheId_thenAgainExits1() throws Exception {
    CliRun run = CliRun.of("quarantine", "drop", menuRequestId, "--config", config());

    assertThat(run.code()).as(run.err()).isEqualTo(0);
    assertThat(run.out()).isEqualTo("dropped " + menuRequestId + System.lineSeparator());
    assertThat(ids()).doesNotContain(menuRequestId);

    CliRun again = CliRun.of("quarantine", "drop", menuRequestId, "--config", config());
    assertThat(again.code()).isEqualTo(1);
    assertThat(again.err()).contains("no message " + menuRequestId);
  }

  @Test
  void show_idThatIsNoUuid_exits1WithoutTouchingTheBroker() {
    CliRun run = CliRun.of("quarantine", "show", "x' OR '1'='1", "--config", config());

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err()).contains("is not a quarantine id");
  }

  @Test
  void show_unknownId_exits1() {
    CliRun run =
        CliRun.of("quarantine", "show", UUID.randomUUID().toString(), "--config", config());

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err()).contains("no message");
  }

  @Test
  void list_withoutAdminLogin_exits1NamingTheSetting() throws Exception {
    String settings = Files.readString(live.hq.config()).replaceAll("(?m)^admin\\..*$", "");
    Path config = Files.writeString(live.hq.dir().resolve("no-admin.properties"), settings);

    CliRun run = CliRun.of("quarantine", "list", "--config", config.toString());

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err()).contains("admin.password-file");
  }

  @Test
  void quarantine_withoutSubcommand_exits2() {
    CliRun run = CliRun.of("quarantine");

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("missing command");
  }

  private static String config() {
    return live.hq.config().toString();
  }

  private static List<QuarantinedMessage> quarantined() throws Exception {
    try (QuarantineQueue quarantine =
        QuarantineQueue.open(
            new BrokerLogin(
                live.broker.url(), TestBroker.ADMIN, TestBroker.password(TestBroker.ADMIN)))) {
      return quarantine.list(100);
    }
  }

  private static List<String> ids() throws Exception {
    return quarantined().stream().map(QuarantinedMessage::id).toList();
  }
}
