package io.outpost.outlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outpost.keystore.TestIdentities;
import io.outpost.keystore.TrustStore;
import io.outpost.message.Addresses;
import io.outpost.message.SecureMessages;
import io.outpost.message.WireProperties;
import io.outpost.message.payload.Closing;
import io.outpost.message.payload.ReceiptEntry;
import io.outpost.outlet.OutletException.Reason;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Flushing against the in-JVM broker from broker-config/, with an HQ that answers for real. */
class FlusherTest {

  private static final LocalDate MONDAY = LocalDate.of(2025, 11, 24);

  @TempDir static Path keys;
  @TempDir Path dir;

  private static TestParties parties;
  private TestBroker broker;
  private TestHq hq;
  private FileOutbox outbox;
  private Outbox.Locked lock;
  private final List<String> notices = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void identities() throws Exception {
    parties = TestParties.create(keys);
  }

  @BeforeEach
  void start() throws Exception {
    broker = TestBroker.start(dir);
    hq = new TestHq(broker.url(), parties.hqMessages(), TestParties.OUTLET);
    outbox = new FileOutbox(dir.resolve("outbox"));
    lock = outbox.lock();
  }

  @AfterEach
  void stop() throws Exception {
    lock.close();
    hq.close();
    broker.close();
  }

  private JmsBrokerLink link(String url) {
    return new JmsBrokerLink(
        url,
        TestParties.OUTLET,
        TestBroker.password(TestParties.OUTLET),
        TestParties.OUTLET,
        2,
        Duration.ofMillis(20),
        notices::add);
  }

  private Flusher flusher(BrokerLink link, Duration receiptTimeout, int progressEvery) {
    return new Flusher(
        link,
        parties.outletMessages(),
        new ReceiptBook(Clock.systemUTC()),
        parties.hqKeyInbox(),
        TestParties.HQ,
        Clock.systemUTC(),
        receiptTimeout,
        progressEvery,
        notices::add);
  }

  private Flusher flusher(Duration receiptTimeout) {
    return flusher(link(broker.url()), receiptTimeout, 100);
  }

  private List<OutboxEntry> close(int days) throws Exception {
    ClosingDesk desk =
        new ClosingDesk(
            new ClosingSealer(
                parties.outletMessages(), TestParties.OUTLET, TestParties.HQ, Clock.systemUTC()));
    for (int i = 0; i < days; i++) {
      desk.close(lock, Sales.day(MONDAY.plusDays(i)), Optional.empty());
    }
    return outbox.scan().entries();
  }

  @Test
  void flush_withHqAnswering_sendsInSequenceOrderAndAcknowledges() throws Exception {
    close(3);
    hq.startAnswering();

    Flusher.Report report = flusher(Duration.ofSeconds(10)).flush(lock);

    assertThat(report.sent()).isEqualTo(3);
    assertThat(report.acknowledged()).isEqualTo(3);
    assertThat(report.errors()).isEmpty();
    assertThat(outbox.scan().entries())
        .extracting(OutboxEntry::state)
        .containsOnly(EntryState.ACKNOWLEDGED);
    assertThat(hq.received).extracting(Closing::sequence).containsExactly(1L, 2L, 3L);
    try (var receipts = Files.list(outbox.directory().resolve(FileOutbox.RECEIPTS_DIR))) {
      assertThat(receipts.count()).isPositive();
    }
  }

  @Test
  void flush_runTwice_sendsNothingTheSecondTime() throws Exception {
    close(1);
    hq.startAnswering();
    flusher(Duration.ofSeconds(10)).flush(lock);

    Flusher.Report again = flusher(Duration.ofSeconds(1)).flush(lock);

    assertThat(again.sent()).isZero();
    assertThat(hq.received).hasSize(1);
  }

  @Test
  void flush_resendAfterACrashBetweenSendAndMark_isDroppedByTheBroker() throws Exception {
    OutboxEntry entry = close(1).get(0);
    // the first run sent the entry and died before it could mark it sent
    try (BrokerLink.Session session = link(broker.url()).connect()) {
      session.send(
          new BrokerLink.OutgoingMessage(
              Addresses.CLOSINGS,
              WireProperties.TYPE_CLOSING,
              entry.messageId(),
              null,
              lock.read(entry)));
    }
    assertThat(outbox.scan().find(entry.messageId()).orElseThrow().state())
        .isEqualTo(EntryState.PENDING);
    hq.startAnswering();

    Flusher.Report report = flusher(Duration.ofSeconds(10)).flush(lock);

    assertThat(report.sent()).isEqualTo(1);
    assertThat(report.acknowledged()).isEqualTo(1);
    hq.close();
    assertThat(
            new TestHq(broker.url(), parties.hqMessages(), TestParties.OUTLET).answerClosings(500))
        .as("closings left on the queue after the resend")
        .isZero();
    assertThat(hq.received).hasSize(1);
  }

  @Test
  void flush_receiptsComingAfterTheWait_areCollectedByTheNextFlush() throws Exception {
    close(2);

    Flusher.Report first = flusher(Duration.ofMillis(300)).flush(lock);
    assertThat(first.sent()).isEqualTo(2);
    assertThat(first.awaitingReceipt()).isEqualTo(2);
    assertThat(hq.answerClosings(5_000)).isEqualTo(2);

    Flusher.Report second = flusher(Duration.ofSeconds(10)).flush(lock);

    assertThat(second.sent()).isZero();
    assertThat(second.acknowledged()).isEqualTo(2);
    assertThat(outbox.scan().count(EntryState.ACKNOWLEDGED)).isEqualTo(2);
  }

  @Test
  void flush_receiptSignedByAnUnpinnedKey_isRefusedAndAcknowledgesNothing() throws Exception {
    close(1);
    hq.receiptSigner =
        new SecureMessages(
            TestIdentities.fresh(TestParties.HQ),
            TrustStore.of(List.of(TestIdentities.pin(parties.outlet))),
            Clock.systemUTC());
    hq.startAnswering();

    Flusher.Report report = flusher(Duration.ofSeconds(3)).flush(lock);

    assertThat(report.acknowledged()).isZero();
    assertThat(report.errors()).singleElement().asString().contains("refused a receipt");
    assertThat(outbox.scan().entries())
        .extracting(OutboxEntry::state)
        .containsExactly(EntryState.SENT);
  }

  @Test
  void flush_receiptWithAnotherContentDigest_acknowledgesNothing() throws Exception {
    close(1);
    hq.entryTamper =
        e ->
            new ReceiptEntry(
                e.messageId(), "ab".repeat(32), e.businessDate(), e.sequence(), e.outcome(), null);
    hq.startAnswering();

    Flusher.Report report = flusher(Duration.ofSeconds(3)).flush(lock);

    assertThat(report.acknowledged()).isZero();
    assertThat(report.errors()).singleElement().asString().contains("another content digest");
    assertThat(outbox.scan().entries())
        .extracting(OutboxEntry::state)
        .containsExactly(EntryState.SENT);
  }

  @Test
  void flush_receiptRejectingAClosing_marksItRejected() throws Exception {
    close(1);
    hq.entryTamper =
        e ->
            new ReceiptEntry(
                e.messageId(),
                e.contentDigest(),
                e.businessDate(),
                e.sequence(),
                ReceiptEntry.Outcome.REJECTED,
                "SEQUENCE_GAP");
    hq.startAnswering();

    Flusher.Report report = flusher(Duration.ofSeconds(10)).flush(lock);

    assertThat(report.rejected()).isEqualTo(1);
    assertThat(outbox.scan().entries())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.state()).isEqualTo(EntryState.REJECTED);
              assertThat(e.rejectReason()).isEqualTo("SEQUENCE_GAP");
            });
  }

  @Test
  void flush_manyEntries_printsProgress() throws Exception {
    close(5);
    hq.startAnswering();

    flusher(link(broker.url()), Duration.ofSeconds(10), 2).flush(lock);

    assertThat(notices).contains("sent 2 of 5", "sent 4 of 5");
  }

  @Test
  void flush_corruptEntry_isReportedAndTheOthersAreSent() throws Exception {
    List<OutboxEntry> entries = close(3);
    Path damaged =
        outbox.directory().resolve(entries.get(1).name()).resolve(FileOutbox.SEALED_FILE);
    byte[] bytes = Files.readAllBytes(damaged);
    bytes[100] ^= 0x01;
    Files.write(damaged, bytes);
    hq.startAnswering();

    Flusher.Report report = flusher(Duration.ofSeconds(10)).flush(lock);

    assertThat(report.sent()).isEqualTo(2);
    assertThat(report.errors()).singleElement().asString().contains(damaged.toString());
    assertThat(hq.received).extracting(Closing::sequence).containsExactly(1L, 3L);
  }

  @Test
  void flush_outboxCannotRecordState_sendsEveryEntryAndSaysWhy() throws Exception {
    close(3);
    Outbox.Locked full = new FullDisk(lock);

    Flusher.Report first = flusher(Duration.ofMillis(300)).flush(full);

    assertThat(first.sent()).isEqualTo(3);
    assertThat(first.errors())
        .hasSize(3)
        .allSatisfy(e -> assertThat(e).contains(FullDisk.ERROR).contains("reached the broker"));
    assertThat(hq.answerClosings(5_000)).isEqualTo(3);
    assertThat(outbox.scan().entries())
        .extracting(OutboxEntry::state)
        .containsOnly(EntryState.PENDING);

    Flusher.Report second = flusher(Duration.ofSeconds(5)).flush(full);

    assertThat(second.acknowledged()).isZero();
    assertThat(second.errors()).last().asString().contains("stays in the inbox");

    Flusher.Report roomAgain = flusher(Duration.ofSeconds(10)).flush(lock);

    assertThat(roomAgain.acknowledged()).isEqualTo(3);
    assertThat(roomAgain.errors()).isEmpty();
    hq.close();
    assertThat(
            new TestHq(broker.url(), parties.hqMessages(), TestParties.OUTLET).answerClosings(500))
        .as("closings sent again reach HQ only once")
        .isZero();
  }

  /** The outbox on a full disk: it reads, but records nothing. */
  private record FullDisk(Outbox.Locked outbox) implements Outbox.Locked {

    static final String ERROR = "No space left on device";

    private static OutletException full() {
      return new OutletException(Reason.IO, "cannot write to the outbox: " + ERROR);
    }

    @Override
    public OutboxScan scan() throws OutletException {
      return outbox.scan();
    }

    @Override
    public byte[] read(OutboxEntry entry) throws OutletException {
      return outbox.read(entry);
    }

    @Override
    public OutboxEntry append(byte[] sealed, EntryMeta meta) throws OutletException {
      throw full();
    }

    @Override
    public OutboxEntry markSent(UUID messageId, Instant at) throws OutletException {
      throw full();
    }

    @Override
    public OutboxEntry markAcknowledged(UUID messageId, Instant at, UUID receiptId)
        throws OutletException {
      throw full();
    }

    @Override
    public OutboxEntry markRejected(UUID messageId, Instant at, UUID receiptId, String reason)
        throws OutletException {
      throw full();
    }

    @Override
    public void keepReceipt(UUID receiptId, byte[] signedReceipt) throws OutletException {
      throw full();
    }

    @Override
    public void close() {}
  }

  @Test
  void flush_brokerUnreachable_isOfflineAndEntriesStayPending() throws Exception {
    close(1);
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }

    assertThatThrownBy(
            () ->
                flusher(link("tcp://127.0.0.1:" + closedPort), Duration.ofSeconds(1), 100)
                    .flush(lock))
        .isInstanceOfSatisfying(
            OutletException.class, e -> assertThat(e.reason()).isEqualTo(Reason.OFFLINE))
        .hasMessageContaining("after 2 attempts");
    assertThat(outbox.scan().entries())
        .extracting(OutboxEntry::state)
        .containsExactly(EntryState.PENDING);
    assertThat(notices).anySatisfy(n -> assertThat(n).contains("retrying in 20 ms"));
  }

  @Test
  void connect_wrongBrokerPassword_isNotAuthorizedRatherThanOffline() {
    JmsBrokerLink wrong =
        new JmsBrokerLink(
            broker.url(),
            TestParties.OUTLET,
            "not-the-password",
            TestParties.OUTLET,
            3,
            Duration.ofMillis(20),
            notices::add);

    assertThatThrownBy(wrong::connect)
        .isInstanceOfSatisfying(
            OutletException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_AUTHORIZED));
  }
}
