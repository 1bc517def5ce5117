package io.outpost.hq.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outpost.hq.jdbc.Database;
import io.outpost.hq.jdbc.TestDatabases;
import io.outpost.keystore.Identity;
import io.outpost.keystore.TestIdentities;
import io.outpost.keystore.TrustStore;
import io.outpost.message.SecureMessages;
import io.outpost.message.WireProperties;
import io.outpost.message.payload.Receipt;
import io.outpost.message.payload.ReceiptEntry;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Receipts from what is stored: one signature per outlet, resent after a failed send. */
class SignedReceiptPublisherTest {

  private static final LocalDate DAY = LocalDate.of(2025, 3, 14);

  private final Identity hq = TestIdentities.of("hq");
  private final Identity outletA = TestIdentities.of("outlet-a");
  private final Identity outletB = TestIdentities.of("outlet-b");
  private final SecureMessages hqMessages =
      new SecureMessages(
          hq,
          TrustStore.of(List.of(TestIdentities.pin(outletA), TestIdentities.pin(outletB))),
          Clock.systemUTC());
  private final List<OutletInbox.Delivery> delivered = new ArrayList<>();
  private Database database;

  @BeforeEach
  void open() throws Exception {
    database = Database.open(TestDatabases.h2());
  }

  @AfterEach
  void close() {
    database.close();
  }

  @Test
  void publishPending_closingsOfTwoOutlets_signsOneReceiptPerOutlet() throws Exception {
    List<UUID> ofA = store("outlet-a", 3);
    List<UUID> ofB = store("outlet-b", 2);

    int sent = publisher(delivered::add).publishPending();

    assertThat(sent).isEqualTo(2);
    assertThat(delivered)
        .extracting(OutletInbox.Delivery::outletId)
        .containsExactly("outlet-a", "outlet-b");
    assertThat(entriesOf(delivered.get(0), outletA)).containsExactlyElementsOf(ofA);
    assertThat(entriesOf(delivered.get(1), outletB)).containsExactlyElementsOf(ofB);
    assertThat(delivered)
        .allSatisfy(d -> assertThat(d.type()).isEqualTo(WireProperties.TYPE_RECEIPT));
    assertThat(database.receiptLedger().pending()).isEmpty();
    assertThat(database.receiptLedger().unsent()).isEmpty();
  }

  @Test
  void publishPending_nothingPending_sendsNothing() throws Exception {
    assertThat(publisher(delivered::add).publishPending()).isZero();
    assertThat(delivered).isEmpty();
  }

  @Test
  void publishPending_brokerDownAfterSigning_sendsTheSameReceiptNextRound() throws Exception {
    store("outlet-a", 1);
    OutletInbox down =
        delivery -> {
          throw new HqException(HqException.Reason.BROKER, "broker down (test)");
        };

    assertThatThrownBy(() -> publisher(down).publishPending()).isInstanceOf(HqException.class);
    List<StoredReceipt> unsent = database.receiptLedger().unsent();
    assertThat(unsent).hasSize(1);
    int sent = publisher(delivered::add).publishPending();

    assertThat(sent).isEqualTo(1);
    assertThat(delivered)
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.body()).isEqualTo(unsent.get(0).signed());
              assertThat(d.duplicateId()).isEqualTo(unsent.get(0).id().toString());
            });
    assertThat(database.receiptLedger().unsent()).isEmpty();
  }

  @Test
  void publishPending_moreEntriesThanOneReceiptHolds_signsOncePerChunk() throws Exception {
    store("outlet-a", SignedReceiptPublisher.MAX_ENTRIES + 1);

    publisher(delivered::add).publishPending();

    assertThat(delivered).hasSize(2);
    assertThat(entriesOf(delivered.get(0), outletA)).hasSize(SignedReceiptPublisher.MAX_ENTRIES);
    assertThat(entriesOf(delivered.get(1), outletA)).hasSize(1);
  }

  private SignedReceiptPublisher publisher(OutletInbox inbox) {
    return new SignedReceiptPublisher(
        "hq", hqMessages, database.receiptLedger(), inbox, Clock.systemUTC());
  }

  private List<UUID> store(String outlet, int count) throws HqException {
    List<NewClosing> closings = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      closings.add(
          new NewClosing(
              UUID.randomUUID(),
              outlet,
              DAY.plusDays(i),
              i + 1,
              null,
              null,
              "EUR",
              0,
              List.of(),
              "cd".repeat(32),
              Instant.now(),
              new byte[] {1}));
    }
    database.closingStore().store(closings, Instant.now());
    return closings.stream().map(NewClosing::messageId).toList();
  }

  private List<UUID> entriesOf(OutletInbox.Delivery delivery, Identity outlet) throws Exception {
    SecureMessages reader =
        new SecureMessages(
            outlet, TrustStore.of(List.of(TestIdentities.pin(hq))), Clock.systemUTC());
    Receipt receipt = reader.openSigned(delivery.body(), Receipt.class).payload();
    return receipt.entries().stream().map(ReceiptEntry::messageId).toList();
  }
}
