package io.outpost.hq;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.hq.core.ClosingStore;
import io.outpost.hq.core.HqException;
import io.outpost.hq.core.IssuedReceipt;
import io.outpost.hq.core.MenuPublisher;
import io.outpost.hq.core.NewClosing;
import io.outpost.hq.core.PendingEntry;
import io.outpost.hq.core.StoreOutcome;
import io.outpost.hq.jdbc.Database;
import io.outpost.hq.jdbc.TestDatabases;
import io.outpost.keystore.Identity;
import io.outpost.keystore.PinnedCertificate;
import io.outpost.keystore.TestIdentities;
import io.outpost.keystore.TrustStore;
import io.outpost.message.Addresses;
import io.outpost.message.SecureMessages;
import io.outpost.message.Verified;
import io.outpost.message.WireProperties;
import io.outpost.message.payload.Closing;
import io.outpost.message.payload.Menu;
import io.outpost.message.payload.MenuDraft;
import io.outpost.message.payload.MenuItem;
import io.outpost.message.payload.Receipt;
import io.outpost.message.payload.ReceiptEntry;
import jakarta.jms.Message;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HQ's service end to end: the in-JVM broker from broker-config/, real crypto, H2. */
class HqServiceTest {

  private static final LocalDate DAY = LocalDate.of(2025, 3, 14);
  private static final Duration WAIT = Duration.ofSeconds(15);

  @TempDir static Path brokerDir;

  private static TestBroker broker;
  private static Identity hq;
  private static TrustStore hqTrust;

  private Database.Settings databaseSettings;
  private Database database;
  private HqService service;
  private TestOutlet outletA;
  private TestOutlet outletB;

  @BeforeAll
  static void startBroker() throws Exception {
    broker = TestBroker.start(brokerDir);
    hq = TestIdentities.of(TestBroker.HQ);
    hqTrust =
        TrustStore.of(
            List.of(
                TestIdentities.pin(TestIdentities.of(TestBroker.OUTLET_A)),
                TestIdentities.pin(TestIdentities.of(TestBroker.OUTLET_B))));
  }

  @AfterAll
  static void stopBroker() throws Exception {
    broker.close();
  }

  @BeforeEach
  void setUp() throws Exception {
    broker.drain();
    databaseSettings = TestDatabases.h2();
    database = Database.open(databaseSettings);
    outletA = TestOutlet.of(TestBroker.OUTLET_A, hq, broker);
    outletB = TestOutlet.of(TestBroker.OUTLET_B, hq, broker);
  }

  @AfterEach
  void tearDown() {
    if (service != null) {
      service.close();
    }
    database.close();
  }

  private void startService() throws HqException {
    startService(store -> store);
  }

  private void startService(java.util.function.UnaryOperator<ClosingStore> decorate)
      throws HqException {
    service =
        HqService.start(
            new HqService.Settings(
                broker.hqSettings(), databaseSettings, 16, Duration.ofMillis(100)),
            hq,
            hqTrust,
            Clock.systemUTC(),
            decorate);
  }

  @Test
  void serve_validClosing_storedOnceWithAReceiptTheOutletVerifies() throws Exception {
    startService();
    Closing closing = outletA.closing(DAY, 1, null);
    byte[] sealed = outletA.seal(closing);
    String digest = outletA.messages().readOwnClosing(sealed).contentDigest();

    outletA.sendClosing(sealed, closing.messageId().toString());

    Message message = onlyMessage(outletA.inbox(WAIT.toMillis()));
    assertThat(message.getStringProperty(WireProperties.TYPE))
        .isEqualTo(WireProperties.TYPE_RECEIPT);
    Verified<Receipt> receipt = outletA.verifyReceipt(message);
    assertThat(receipt.signerId()).isEqualTo(TestBroker.HQ);
    assertThat(message.getStringProperty(WireProperties.DUPLICATE_ID))
        .isEqualTo(receipt.payload().messageId().toString());
    assertThat(receipt.payload().entries())
        .singleElement()
        .satisfies(
            entry -> {
              assertThat(entry.messageId()).isEqualTo(closing.messageId());
              assertThat(entry.outcome()).isEqualTo(ReceiptEntry.Outcome.STORED);
              assertThat(entry.contentDigest()).isEqualTo(digest);
              assertThat(entry.businessDate()).isEqualTo(DAY);
              assertThat(entry.sequence()).isEqualTo(1);
            });
    assertThat(database.archive().forDay(DAY))
        .singleElement()
        .satisfies(
            stored -> {
              assertThat(stored.messageId()).isEqualTo(closing.messageId());
              assertThat(stored.total()).isEqualTo(closing.total());
              assertThat(stored.contentDigest()).isEqualTo(digest);
            });
    assertThat(database.archive().evidence(closing.messageId()).orElseThrow()).isNotEmpty();
    assertThat(broker.receiveAll(TestBroker.ADMIN, Addresses.QUARANTINE, 100)).isEmpty();
  }

  @Test
  void serve_sameClosingResent_storedOnceAndAnsweredWithTheOriginalEntryAsDuplicate()
      throws Exception {
    startService();
    Closing closing = outletA.closing(DAY, 1, null);
    byte[] sealed = outletA.seal(closing);
    outletA.sendClosing(sealed, closing.messageId().toString());
    ReceiptEntry first =
        outletA
            .verifyReceipt(onlyMessage(outletA.inbox(WAIT.toMillis())))
            .payload()
            .entries()
            .get(0);

    // With the same duplicate id the broker drops the resend; a different one stands for a resend
    // the broker's duplicate cache no longer remembers, which HQ must recognise by itself.
    outletA.sendClosing(sealed, closing.messageId().toString());
    outletA.sendClosing(sealed, closing.messageId() + "-resent");

    ReceiptEntry again =
        outletA
            .verifyReceipt(onlyMessage(outletA.inbox(WAIT.toMillis())))
            .payload()
            .entries()
            .get(0);
    assertThat(again.outcome()).isEqualTo(ReceiptEntry.Outcome.DUPLICATE);
    assertThat(again.messageId()).isEqualTo(first.messageId());
    assertThat(again.contentDigest()).isEqualTo(first.contentDigest());
    assertThat(database.archive().forDay(DAY)).hasSize(1);
    assertThat(outletA.inbox(500)).isEmpty();
  }

  @Test
  void serve_severalClosingsWaiting_oneSignedReceiptCoversThemAll() throws Exception {
    List<UUID> ids = new ArrayList<>();
    String previous = null;
    for (int day = 0; day < 3; day++) {
      Closing closing = outletA.closing(DAY.plusDays(day), day + 1, previous);
      byte[] sealed = outletA.seal(closing);
      previous = outletA.messages().readOwnClosing(sealed).contentDigest();
      outletA.sendClosing(sealed, closing.messageId().toString());
      ids.add(closing.messageId());
    }

    startService();

    Receipt receipt = outletA.verifyReceipt(onlyMessage(outletA.inbox(WAIT.toMillis()))).payload();
    assertThat(receipt.entries())
        .extracting(ReceiptEntry::messageId)
        .containsExactlyElementsOf(ids);
    assertThat(receipt.entries())
        .extracting(ReceiptEntry::outcome)
        .containsOnly(ReceiptEntry.Outcome.STORED);
  }

  @Test
  void serve_secondOriginalClosingForADay_isAnsweredRejectedAndNotStored() throws Exception {
    startService();
    Closing first = outletA.closing(DAY, 1, null);
    byte[] sealedFirst = outletA.seal(first);
    outletA.sendClosing(sealedFirst, first.messageId().toString());
    onlyMessage(outletA.inbox(WAIT.toMillis()));
    String firstDigest = outletA.messages().readOwnClosing(sealedFirst).contentDigest();
    Closing second = outletA.closing(DAY, 2, firstDigest);

    outletA.sendClosing(outletA.seal(second), second.messageId().toString());

    ReceiptEntry entry =
        outletA
            .verifyReceipt(onlyMessage(outletA.inbox(WAIT.toMillis())))
            .payload()
            .entries()
            .get(0);
    assertThat(entry.messageId()).isEqualTo(second.messageId());
    assertThat(entry.outcome()).isEqualTo(ReceiptEntry.Outcome.REJECTED);
    assertThat(entry.reason()).isEqualTo(StoreOutcome.Rejection.DAY_ALREADY_CLOSED);
    assertThat(database.archive().find(second.messageId())).isEmpty();
  }

  @Test
  void serve_messagesThatFailVerification_areQuarantinedWithTheirReasonAndNothingIsStored()
      throws Exception {
    startService();
    Map<String, String> expectedReasons = new LinkedHashMap<>();
    Map<String, byte[]> originals = new LinkedHashMap<>();

    byte[] tampered = outletA.seal(outletA.closing(DAY, 1, null));
    tampered[tampered.length - 10] ^= 0x01;
    send(
        outletA,
        TestBroker.OUTLET_A,
        "tampered",
        tampered,
        expectedReasons,
        originals,
        "BAD_SIGNATURE");

    byte[] ofA = outletA.seal(outletA.closing(DAY, 1, null));
    send(
        outletA,
        TestBroker.OUTLET_B,
        "replayed-by-b",
        ofA,
        expectedReasons,
        originals,
        "SENDER_MISMATCH");

    TestOutlet stranger = TestOutlet.of("outlet-x", hq, broker);
    byte[] unknown = stranger.seal(stranger.closing(DAY, 1, null));
    send(
        stranger,
        TestBroker.OUTLET_B,
        "unknown-sender",
        unknown,
        expectedReasons,
        originals,
        "UNKNOWN_SENDER");

    // The outlet addresses another HQ but encrypts for this one: the signed payload names the
    // recipient, so a forwarded closing is refused even though it decrypts.
    TestOutlet misdirected =
        new TestOutlet(
            TestIdentities.of(TestBroker.OUTLET_A),
            TrustStore.of(List.of(new PinnedCertificate("hq-other", hq.certificate(), false))),
            broker);
    byte[] forwarded = misdirected.seal(misdirected.closing(DAY, 1, null, null, "hq-other"));
    send(
        outletA,
        TestBroker.OUTLET_A,
        "wrong-recipient",
        forwarded,
        expectedReasons,
        originals,
        "NOT_FOR_US");

    outletA.sendText(TestBroker.OUTLET_A, "{\"total\": 1}", "not-bytes");
    expectedReasons.put("not-bytes", "MALFORMED");
    originals.put("not-bytes", "{\"total\": 1}".getBytes(StandardCharsets.UTF_8));

    Map<String, String> actualReasons = new LinkedHashMap<>();
    Eventually.await(
        "every refused message in quarantine",
        WAIT,
        () -> {
          for (Message message : broker.receiveAll(TestBroker.ADMIN, Addresses.QUARANTINE, 100)) {
            String caseName = message.getStringProperty(WireProperties.DUPLICATE_ID);
            actualReasons.put(caseName, message.getStringProperty(WireProperties.REASON));
            assertThat(message.getBody(byte[].class))
                .as(caseName)
                .isEqualTo(originals.get(caseName));
            assertThat(message.getStringProperty(WireProperties.DETAIL)).as(caseName).isNotBlank();
          }
          return actualReasons.size() == expectedReasons.size();
        });
    assertThat(actualReasons).containsExactlyInAnyOrderEntriesOf(expectedReasons);
    assertThat(database.archive().forDay(DAY)).isEmpty();
    assertThat(outletA.inbox(300)).isEmpty();
    assertThat(outletB.inbox(100)).isEmpty();
  }

  @Test
  void serve_databaseFailure_rollsBackAndTheRedeliveryIsStoredWithNothingQuarantined()
      throws Exception {
    Outage outage = new Outage(1);
    startService(outage::over);
    Closing closing = outletA.closing(DAY, 1, null);

    outletA.sendClosing(outletA.seal(closing), closing.messageId().toString());

    Message receipt = onlyMessage(outletA.inbox(WAIT.toMillis()));
    assertThat(outletA.verifyReceipt(receipt).payload().entries())
        .extracting(ReceiptEntry::outcome)
        .containsExactly(ReceiptEntry.Outcome.STORED);
    assertThat(outage.storeCalls.get()).isEqualTo(2);
    assertThat(database.archive().forDay(DAY)).hasSize(1);
    assertThat(broker.receiveAll(TestBroker.ADMIN, Addresses.QUARANTINE, 100)).isEmpty();
  }

  @Test
  void serve_databaseDown_stopsConsumingUntilItAnswers_soNoDeliveryAttemptIsSpentMeanwhile()
      throws Exception {
    // while the database is down HQ only checks it; the closing is received again once, after
    Outage outage = new Outage(5);
    startService(outage::over);
    Closing closing = outletA.closing(DAY, 1, null);

    outletA.sendClosing(outletA.seal(closing), closing.messageId().toString());

    Message receipt = onlyMessage(outletA.inbox(Duration.ofSeconds(60).toMillis()));
    assertThat(outletA.verifyReceipt(receipt).payload().entries())
        .extracting(ReceiptEntry::outcome)
        .containsExactly(ReceiptEntry.Outcome.STORED);
    assertThat(outage.checkCalls.get()).isEqualTo(5);
    assertThat(outage.storeCalls.get()).isEqualTo(2);
    assertThat(database.archive().forDay(DAY)).hasSize(1);
    assertThat(broker.receiveAll(TestBroker.ADMIN, "DLQ", 100)).isEmpty();
    assertThat(broker.receiveAll(TestBroker.ADMIN, Addresses.QUARANTINE, 100)).isEmpty();
  }

  /** The real store behind a database that fails its first store and the checks after it. */
  private static final class Outage {
    final AtomicInteger storeCalls = new AtomicInteger();
    final AtomicInteger checkCalls = new AtomicInteger();
    private final int failedChecks;

    Outage(int failedChecks) {
      this.failedChecks = failedChecks - 1;
    }

    ClosingStore over(ClosingStore store) {
      return new ClosingStore() {
        @Override
        public List<StoreOutcome> store(
            Collection<String> outlets, Iterator<NewClosing> closings, Instant receivedAt)
            throws HqException {
          if (storeCalls.incrementAndGet() == 1) {
            throw new HqException(HqException.Reason.STORAGE, "database unreachable (test)");
          }
          return store.store(outlets, closings, receivedAt);
        }

        @Override
        public void check() throws HqException {
          if (checkCalls.incrementAndGet() <= failedChecks) {
            throw new HqException(HqException.Reason.STORAGE, "database unreachable (test)");
          }
          store.check();
        }
      };
    }
  }

  @Test
  void serve_start_sendsReceiptsACrashLeftStoredOrPending() throws Exception {
    NewClosing pending = syntheticClosing(TestBroker.OUTLET_A);
    database.closingStore().store(List.of(pending), Instant.now());
    NewClosing answered = syntheticClosing(TestBroker.OUTLET_B);
    database.closingStore().store(List.of(answered), Instant.now());
    PendingEntry entry =
        database.receiptLedger().pending().stream()
            .filter(e -> e.outletId().equals(TestBroker.OUTLET_B))
            .findFirst()
            .orElseThrow();
    UUID receiptId = UUID.randomUUID();
    byte[] signedBeforeCrash =
        new SecureMessages(hq, hqTrust, Clock.systemUTC())
            .sign(
                new Receipt(
                    receiptId,
                    TestBroker.HQ,
                    TestBroker.OUTLET_B,
                    Instant.now(),
                    List.of(
                        new ReceiptEntry(
                            entry.messageId(),
                            entry.contentDigest(),
                            entry.businessDate(),
                            entry.sequence(),
                            ReceiptEntry.Outcome.STORED,
                            null))));
    database
        .receiptLedger()
        .record(
            new IssuedReceipt(
                receiptId, TestBroker.OUTLET_B, signedBeforeCrash, Instant.now(), List.of(entry)));

    startService();

    Receipt forA = outletA.verifyReceipt(onlyMessage(outletA.inbox(WAIT.toMillis()))).payload();
    assertThat(forA.entries())
        .extracting(ReceiptEntry::messageId)
        .containsExactly(pending.messageId());
    Message forB = onlyMessage(outletB.inbox(WAIT.toMillis()));
    assertThat(forB.getBody(byte[].class)).isEqualTo(signedBeforeCrash);
    assertThat(database.receiptLedger().unsent()).isEmpty();
    assertThat(database.receiptLedger().pending()).isEmpty();
  }

  @Test
  void serve_menuRequest_isAnsweredWithTheSignedMenuOnTheOutletsInbox() throws Exception {
    new MenuPublisher(
            TestBroker.HQ,
            new SecureMessages(hq, hqTrust, Clock.systemUTC()),
            database.menuStore(),
            Clock.systemUTC())
        .publish(menuDraft());
    startService();

    UUID requestId = outletA.requestMenu(0);

    Message reply = onlyMessage(outletA.inbox(WAIT.toMillis()));
    assertThat(reply.getJMSCorrelationID()).isEqualTo(requestId.toString());
    assertThat(reply.getStringProperty(WireProperties.TYPE)).isEqualTo(WireProperties.TYPE_MENU);
    Verified<Menu> menu = outletA.verifyMenu(reply);
    assertThat(menu.signerId()).isEqualTo(TestBroker.HQ);
    assertThat(menu.payload().version()).isEqualTo(1);
    assertThat(menu.payload().items()).hasSize(2);
  }

  @Test
  void serve_menuRequestWithNoMenuPublished_isConsumedAndLeftUnanswered() throws Exception {
    startService();

    outletA.requestMenu(0);

    Eventually.await(
        "the request consumed", WAIT, () -> broker.browse(Addresses.MENU_REQUESTS) == 0);
    assertThat(outletA.inbox(500)).isEmpty();
    assertThat(broker.receiveAll(TestBroker.ADMIN, Addresses.QUARANTINE, 100)).isEmpty();
  }

  @Test
  void serve_menuRequestSentWithAnotherOutletsLogin_isQuarantined() throws Exception {
    startService();
    byte[] request =
        outletA
            .messages()
            .sign(
                new io.outpost.message.payload.MenuRequest(
                    UUID.randomUUID(), TestBroker.OUTLET_A, TestBroker.HQ, Instant.now(), 0));

    outletA.sendAs(
        TestBroker.OUTLET_B,
        Addresses.MENU_REQUESTS,
        WireProperties.TYPE_MENU_REQUEST,
        request,
        "m1");

    List<Message> quarantined =
        broker.receiveAll(TestBroker.ADMIN, Addresses.QUARANTINE, WAIT.toMillis());
    assertThat(quarantined)
        .singleElement()
        .satisfies(
            m ->
                assertThat(m.getStringProperty(WireProperties.REASON))
                    .isEqualTo("SENDER_MISMATCH"));
    assertThat(outletA.inbox(300)).isEmpty();
    assertThat(outletB.inbox(100)).isEmpty();
  }

  @Test
  void close_drainsAndReturnsPromptly() throws Exception {
    startService();
    Closing closing = outletA.closing(DAY, 1, null);
    outletA.sendClosing(outletA.seal(closing), closing.messageId().toString());
    onlyMessage(outletA.inbox(WAIT.toMillis()));

    long started = System.nanoTime();
    service.close();

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    assertThat(service.awaitStopped(Duration.ZERO)).isTrue();
    service = null;
  }

  private void send(
      TestOutlet sender,
      String login,
      String caseName,
      byte[] body,
      Map<String, String> expectedReasons,
      Map<String, byte[]> originals,
      String reason)
      throws Exception {
    expectedReasons.put(caseName, reason);
    originals.put(caseName, body);
    sender.sendAs(login, Addresses.CLOSINGS, WireProperties.TYPE_CLOSING, body, caseName);
  }

  private static Message onlyMessage(List<Message> messages) {
    assertThat(messages).hasSize(1);
    return messages.get(0);
  }

  private static NewClosing syntheticClosing(String outlet) {
    return new NewClosing(
        UUID.randomUUID(),
        outlet,
        DAY,
        1,
        null,
        null,
        "EUR",
        0,
        List.of(),
        "ab".repeat(32),
        Instant.now(),
        new byte[] {1, 2, 3});
  }

  private static MenuDraft menuDraft() {
    return new MenuDraft(
        1,
        DAY,
        Currency.getInstance("EUR"),
        List.of(new MenuItem("COF-1", "Espresso", 250), new MenuItem("CRO-1", "Croissant", 180)));
  }
}
