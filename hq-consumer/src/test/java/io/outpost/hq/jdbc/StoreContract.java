package io.outpost.hq.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outpost.hq.core.ClosingArchive;
import io.outpost.hq.core.ClosingStore;
import io.outpost.hq.core.HqException;
import io.outpost.hq.core.IssuedReceipt;
import io.outpost.hq.core.MenuStore;
import io.outpost.hq.core.NewClosing;
import io.outpost.hq.core.PendingEntry;
import io.outpost.hq.core.PublishedMenu;
import io.outpost.hq.core.ReceiptLedger;
import io.outpost.hq.core.StoreOutcome;
import io.outpost.hq.core.StoredClosing;
import io.outpost.hq.core.StoredReceipt;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every database behind HQ's stores must do; run against H2 and PostgreSQL. */
abstract class StoreContract {

  private static final LocalDate DAY = LocalDate.of(2025, 3, 14);
  private static final Instant NOW = Instant.parse("2025-03-14T22:00:00Z");

  private Database database;
  private ClosingStore store;
  private ReceiptLedger ledger;
  private ClosingArchive archive;
  private MenuStore menus;

  /** A database with an empty schema, just for this test. */
  abstract Database.Settings freshDatabase() throws Exception;

  @BeforeEach
  void open() throws Exception {
    database = Database.open(freshDatabase());
    store = database.closingStore();
    ledger = database.receiptLedger();
    archive = database.archive();
    menus = database.menuStore();
  }

  @AfterEach
  void close() {
    database.close();
  }

  @Test
  void store_newClosing_roundTripsWithEvidenceAndOutletState() throws Exception {
    NewClosing closing = closing("outlet-a", DAY, 1, null, null);

    List<StoreOutcome> outcomes = store.store(List.of(closing), NOW);

    assertThat(outcomes).containsExactly(StoreOutcome.stored(closing.messageId()));
    StoredClosing stored = archive.find(closing.messageId()).orElseThrow();
    assertThat(stored.outletId()).isEqualTo("outlet-a");
    assertThat(stored.businessDate()).isEqualTo(DAY);
    assertThat(stored.sequence()).isEqualTo(1);
    assertThat(stored.previousDigest()).isNull();
    assertThat(stored.currency()).isEqualTo("EUR");
    assertThat(stored.total()).isEqualTo(closing.total());
    assertThat(stored.contentDigest()).isEqualTo(closing.contentDigest());
    assertThat(stored.createdAt()).isEqualTo(closing.createdAt());
    assertThat(stored.receivedAt()).isEqualTo(NOW);
    assertThat(archive.evidence(closing.messageId())).hasValue(closing.evidence());
    assertThat(archive.forDay(DAY)).containsExactly(stored);
    assertThat(archive.outlets())
        .singleElement()
        .satisfies(
            outlet -> {
              assertThat(outlet.id()).isEqualTo("outlet-a");
              assertThat(outlet.lastSequence()).isEqualTo(1);
              assertThat(outlet.lastDigest()).isEqualTo(closing.contentDigest());
            });
  }

  @Test
  void store_sameMessageTwice_storesOnceAndAnswersDuplicateAfterTheFirstReceipt() throws Exception {
    NewClosing closing = closing("outlet-a", DAY, 1, null, null);
    store.store(List.of(closing), NOW);
    answerAll();

    List<StoreOutcome> again = store.store(List.of(closing), NOW.plusSeconds(60));

    assertThat(again).containsExactly(StoreOutcome.duplicate(closing.messageId()));
    assertThat(archive.forDay(DAY)).hasSize(1);
    assertThat(ledger.pending())
        .singleElement()
        .satisfies(
            entry -> {
              assertThat(entry.messageId()).isEqualTo(closing.messageId());
              assertThat(entry.outcome()).isEqualTo(StoreOutcome.Kind.DUPLICATE);
              assertThat(entry.contentDigest()).isEqualTo(closing.contentDigest());
            });
  }

  @Test
  void store_duplicateWithinOneBatch_storesOnce() throws Exception {
    NewClosing closing = closing("outlet-a", DAY, 1, null, null);

    List<StoreOutcome> outcomes = store.store(List.of(closing, closing), NOW);

    assertThat(outcomes)
        .containsExactly(
            StoreOutcome.stored(closing.messageId()), StoreOutcome.duplicate(closing.messageId()));
    assertThat(ledger.pending())
        .singleElement()
        .extracting(PendingEntry::outcome)
        .isEqualTo(StoreOutcome.Kind.STORED);
  }

  @Test
  void store_secondOriginalForTheSameDay_isRejectedAndStoresNothing() throws Exception {
    NewClosing first = closing("outlet-a", DAY, 1, null, null);
    NewClosing second = closing("outlet-a", DAY, 2, first.contentDigest(), null);

    List<StoreOutcome> outcomes = store.store(List.of(first, second), NOW);

    assertThat(outcomes.get(1).kind()).isEqualTo(StoreOutcome.Kind.REJECTED);
    assertThat(outcomes.get(1).reason()).isEqualTo(StoreOutcome.Rejection.DAY_ALREADY_CLOSED);
    assertThat(outcomes.get(1).detail()).contains(DAY.toString()).contains("amendment");
    assertThat(archive.find(second.messageId())).isEmpty();
    assertThat(ledger.pending())
        .extracting(PendingEntry::messageId, PendingEntry::outcome)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(first.messageId(), StoreOutcome.Kind.STORED),
            org.assertj.core.groups.Tuple.tuple(second.messageId(), StoreOutcome.Kind.REJECTED));
  }

  @Test
  void store_sameDayForAnotherOutlet_isStored() throws Exception {
    NewClosing a = closing("outlet-a", DAY, 1, null, null);
    NewClosing b = closing("outlet-b", DAY, 1, null, null);

    assertThat(store.store(List.of(a, b), NOW))
        .extracting(StoreOutcome::kind)
        .containsExactly(StoreOutcome.Kind.STORED, StoreOutcome.Kind.STORED);
  }

  @Test
  void store_amendmentOfThatDay_isStoredBesideTheOriginal() throws Exception {
    NewClosing original = closing("outlet-a", DAY, 1, null, null);
    NewClosing amendment =
        closing("outlet-a", DAY, 2, original.contentDigest(), original.messageId());

    List<StoreOutcome> outcomes = store.store(List.of(original, amendment), NOW);

    assertThat(outcomes)
        .extracting(StoreOutcome::kind)
        .containsExactly(StoreOutcome.Kind.STORED, StoreOutcome.Kind.STORED);
    assertThat(archive.find(amendment.messageId()).orElseThrow().amends())
        .isEqualTo(original.messageId());
    assertThat(archive.outlets().get(0).lastSequence()).isEqualTo(2);
  }

  @Test
  void store_amendmentOfAnUnknownClosing_isRejected() throws Exception {
    NewClosing amendment = closing("outlet-a", DAY, 1, null, UUID.randomUUID());

    StoreOutcome outcome = store.store(List.of(amendment), NOW).get(0);

    assertThat(outcome.kind()).isEqualTo(StoreOutcome.Kind.REJECTED);
    assertThat(outcome.reason()).isEqualTo(StoreOutcome.Rejection.AMENDS_UNKNOWN_CLOSING);
    assertThat(outcome.detail()).contains("not stored");
    assertThat(archive.find(amendment.messageId())).isEmpty();
  }

  @Test
  void store_amendmentOfAnotherOutletsClosing_isRejected() throws Exception {
    NewClosing theirs = closing("outlet-b", DAY, 1, null, null);
    store.store(List.of(theirs), NOW);
    NewClosing amendment = closing("outlet-a", DAY, 1, null, theirs.messageId());

    assertThat(store.store(List.of(amendment), NOW).get(0).kind())
        .isEqualTo(StoreOutcome.Kind.REJECTED);
  }

  @Test
  void store_rejectedClosingResent_isRejectedAgainAndQueuedAgain() throws Exception {
    NewClosing first = closing("outlet-a", DAY, 1, null, null);
    NewClosing second = closing("outlet-a", DAY, 2, first.contentDigest(), null);
    store.store(List.of(first, second), NOW);
    answerAll();

    StoreOutcome again = store.store(List.of(second), NOW).get(0);

    assertThat(again.kind()).isEqualTo(StoreOutcome.Kind.REJECTED);
    assertThat(ledger.pending())
        .singleElement()
        .satisfies(
            entry -> {
              assertThat(entry.messageId()).isEqualTo(second.messageId());
              assertThat(entry.reason()).isEqualTo(again.reason());
            });
  }

  @Test
  void store_batchWithAFailingRow_storesNothingOfTheBatch() {
    NewClosing good = closing("outlet-a", DAY, 1, null, null);
    NewClosing tooLong =
        new NewClosing(
            UUID.randomUUID(),
            "outlet-b",
            DAY,
            1,
            null,
            null,
            "EUR",
            100,
            List.of(new NewClosing.Line("x".repeat(65), "too long a sku", 1, 100, 100)),
            digest('b'),
            NOW,
            new byte[] {1});

    assertThatThrownBy(() -> store.store(List.of(good, tooLong), NOW))
        .isInstanceOf(HqException.class)
        .extracting(e -> ((HqException) e).reason())
        .isEqualTo(HqException.Reason.STORAGE);
    assertThat(noException(() -> archive.find(good.messageId()))).isEmpty();
  }

  @Test
  void record_receipt_marksItsEntriesAnsweredAndKeepsTheSignedBytes() throws Exception {
    NewClosing one = closing("outlet-a", DAY, 1, null, null);
    NewClosing two = closing("outlet-a", DAY.plusDays(1), 2, one.contentDigest(), null);
    store.store(List.of(one, two), NOW);
    List<PendingEntry> pending = ledger.pending();
    IssuedReceipt receipt = receipt("outlet-a", pending);

    assertThat(ledger.record(receipt)).isTrue();

    assertThat(ledger.pending()).isEmpty();
    assertThat(ledger.unsent()).extracting(StoredReceipt::id).containsExactly(receipt.id());
    assertThat(archive.receiptsFor(one.messageId()))
        .singleElement()
        .satisfies(r -> assertThat(r.signed()).isEqualTo(receipt.signed()));
    ledger.markSent(receipt.id(), NOW);
    assertThat(ledger.unsent()).isEmpty();
    assertThat(archive.receiptsFor(two.messageId()).get(0).sentAt()).isEqualTo(NOW);
  }

  @Test
  void record_entryChangedSinceItWasRead_storesNothing() throws Exception {
    NewClosing closing = closing("outlet-a", DAY, 1, null, null);
    store.store(List.of(closing), NOW);
    List<PendingEntry> stale = ledger.pending();
    ledger.record(receipt("outlet-a", stale));

    assertThat(ledger.record(receipt("outlet-a", stale))).isFalse();
    assertThat(archive.receiptsFor(closing.messageId())).hasSize(1);
  }

  @Test
  void record_roundWithOneStaleReceipt_storesTheOthersInOneGo() throws Exception {
    NewClosing a = closing("outlet-a", DAY, 1, null, null);
    NewClosing b = closing("outlet-b", DAY, 1, null, null);
    NewClosing c = closing("outlet-c", DAY, 1, null, null);
    store.store(List.of(a, b, c), NOW);
    List<PendingEntry> pending = ledger.pending();
    List<PendingEntry> ofB =
        pending.stream().filter(e -> e.outletId().equals("outlet-b")).toList();
    IssuedReceipt answeredElsewhere = receipt("outlet-b", ofB);
    ledger.record(answeredElsewhere);
    IssuedReceipt forA = receipt("outlet-a", pending.subList(0, 1));
    IssuedReceipt stale = receipt("outlet-b", ofB);
    IssuedReceipt forC = receipt("outlet-c", pending.subList(2, 3));

    List<IssuedReceipt> recorded = ledger.record(List.of(forA, stale, forC));

    assertThat(recorded).containsExactly(forA, forC);
    assertThat(ledger.pending()).isEmpty();
    assertThat(ledger.unsent())
        .extracting(StoredReceipt::id)
        .containsExactlyInAnyOrder(answeredElsewhere.id(), forA.id(), forC.id());
    ledger.markSent(List.of(forA.id(), forC.id()), NOW);
    assertThat(ledger.unsent())
        .extracting(StoredReceipt::id)
        .containsExactly(answeredElsewhere.id());
  }

  @Test
  void pending_entriesOfSeveralOutlets_areOrderedByOutletAndSequence() throws Exception {
    NewClosing b1 = closing("outlet-b", DAY, 1, null, null);
    NewClosing a2 = closing("outlet-a", DAY.plusDays(1), 2, null, null);
    NewClosing a1 = closing("outlet-a", DAY, 1, null, null);
    store.store(List.of(b1, a2, a1), NOW);

    assertThat(ledger.pending())
        .extracting(PendingEntry::messageId)
        .containsExactly(a1.messageId(), a2.messageId(), b1.messageId());
  }

  @Test
  void publishNext_incrementsTheVersionAndBecomesCurrent() throws Exception {
    assertThat(menus.current()).isEmpty();

    PublishedMenu first =
        menus.publishNext(v -> new MenuStore.Signed(v, UUID.randomUUID(), new byte[] {(byte) v}));
    PublishedMenu second =
        menus.publishNext(v -> new MenuStore.Signed(v, UUID.randomUUID(), new byte[] {(byte) v}));

    assertThat(first.version()).isEqualTo(1);
    assertThat(second.version()).isEqualTo(2);
    PublishedMenu current = menus.current().orElseThrow();
    assertThat(current.version()).isEqualTo(2);
    assertThat(current.messageId()).isEqualTo(second.messageId());
    assertThat(current.signed()).containsExactly(2);
  }

  @Test
  void publishNext_signerChoosesAHigherVersion_isKept() throws Exception {
    menus.publishNext(v -> new MenuStore.Signed(v, UUID.randomUUID(), new byte[] {1}));

    PublishedMenu jumped =
        menus.publishNext(v -> new MenuStore.Signed(v + 10, UUID.randomUUID(), new byte[] {2}));

    assertThat(jumped.version()).isEqualTo(12);
    assertThat(menus.current().orElseThrow().version()).isEqualTo(12);
  }

  @Test
  void publishNext_signerFails_storesNoVersion() throws Exception {
    assertThatThrownBy(
            () ->
                menus.publishNext(
                    v -> {
                      throw new HqException(HqException.Reason.KEYS, "no key");
                    }))
        .isInstanceOf(HqException.class);
    assertThat(menus.current()).isEmpty();
  }

  private void answerAll() throws HqException {
    List<PendingEntry> pending = ledger.pending();
    for (String outlet : pending.stream().map(PendingEntry::outletId).distinct().toList()) {
      ledger.record(
          receipt(outlet, pending.stream().filter(e -> e.outletId().equals(outlet)).toList()));
    }
  }

  private static IssuedReceipt receipt(String outlet, List<PendingEntry> entries) {
    return new IssuedReceipt(
        UUID.randomUUID(),
        outlet,
        new byte[] {7, 7, 7},
        NOW.truncatedTo(ChronoUnit.MILLIS),
        entries);
  }

  @Test
  void store_newClosing_keepsEachSalesLineAsARowOfItsClosing() throws Exception {
    NewClosing closing = closing("outlet-a", DAY, 1, null, null);

    store.store(List.of(closing), NOW);

    assertThat(linesOf(database, closing.messageId()))
        .containsExactly("1 COF-1 Espresso 3x250=750", "2 CRO-1 Croissant 2x250=500");
  }

  @Test
  void migration_linesAndEvidenceStoredBeforeNumbering_keptWithTheirClosing() throws Exception {
    Database.Settings settings = freshDatabase();
    Flyway first = flyway(settings).target("1").load();
    first.migrate();
    UUID id = UUID.randomUUID();
    try (Connection c = first.getConfiguration().getDataSource().getConnection();
        Statement s = c.createStatement()) {
      s.execute(
          "INSERT INTO outlets (id, last_sequence, last_digest, last_seen)"
              + " VALUES ('outlet-a', 1, '"
              + "a".repeat(64)
              + "', TIMESTAMP WITH TIME ZONE '2025-03-14 22:00:00+00')");
      try (PreparedStatement insert =
          c.prepareStatement(
              "INSERT INTO closings (message_id, outlet_id, business_date, sequence, day_slot,"
                  + " currency, total, content_digest, created_at, received_at, evidence,"
                  + " receipt_state) VALUES (?, 'outlet-a', DATE '2025-03-14', 1, 'original',"
                  + " 'EUR', 750, ?, TIMESTAMP WITH TIME ZONE '2025-03-14 21:59:00+00',"
                  + " TIMESTAMP WITH TIME ZONE '2025-03-14 22:00:00+00', ?, 'RECEIPTED')")) {
        insert.setString(1, id.toString());
        insert.setString(2, "a".repeat(64));
        insert.setBytes(3, new byte[] {1});
        insert.executeUpdate();
      }
      s.execute(
          "INSERT INTO closing_lines (message_id, line_no, sku, name, quantity, unit_price,"
              + " amount) VALUES ('"
              + id
              + "', 1, 'COF-1', 'Espresso', 3, 250, 750)");
    }

    Database migrated = Database.open(settings);
    try {
      assertThat(linesOf(migrated, id)).containsExactly("1 COF-1 Espresso 3x250=750");
      assertThat(migrated.archive().evidence(id)).hasValue(new byte[] {1});
      NewClosing next = closing("outlet-a", DAY.plusDays(1), 2, "a".repeat(64), null);
      assertThat(migrated.closingStore().store(List.of(next), NOW))
          .containsExactly(StoreOutcome.stored(next.messageId()));
      assertThat(linesOf(migrated, next.messageId())).hasSize(2);
    } finally {
      migrated.close();
    }
  }

  private static FluentConfiguration flyway(Database.Settings settings) {
    var configuration =
        Flyway.configure()
            .dataSource(settings.url(), settings.user(), settings.password())
            .locations("classpath:db/migration");
    if (settings.schema() != null) {
      configuration.schemas(settings.schema()).createSchemas(true);
    }
    return configuration;
  }

  /** The closing's sales lines as "line sku name quantity x unit price = amount", in order. */
  private static List<String> linesOf(Database database, UUID messageId) throws HqException {
    return database.transaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT l.line_no, l.sku, l.name, l.quantity, l.unit_price, l.amount"
                      + " FROM closing_lines l JOIN closings c ON c.closing_no = l.closing_no"
                      + " WHERE c.message_id = ? ORDER BY l.line_no")) {
            s.setString(1, messageId.toString());
            List<String> lines = new ArrayList<>();
            try (ResultSet rows = s.executeQuery()) {
              while (rows.next()) {
                lines.add(
                    rows.getInt(1)
                        + " "
                        + rows.getString(2)
                        + " "
                        + rows.getString(3)
                        + " "
                        + rows.getLong(4)
                        + "x"
                        + rows.getLong(5)
                        + "="
                        + rows.getLong(6));
              }
            }
            return lines;
          }
        });
  }

  static NewClosing closing(
      String outlet, LocalDate day, long sequence, String previousDigest, UUID amends) {
    UUID id = UUID.randomUUID();
    return new NewClosing(
        id,
        outlet,
        day,
        sequence,
        previousDigest,
        amends,
        "EUR",
        1250,
        List.of(
            new NewClosing.Line("COF-1", "Espresso", 3, 250, 750),
            new NewClosing.Line("CRO-1", "Croissant", 2, 250, 500)),
        digest(id.toString().charAt(0)),
        NOW.minusSeconds(30),
        ("evidence of " + id).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static String digest(char c) {
    char hex = Character.digit(c, 16) >= 0 ? c : 'a';
    return String.valueOf(hex).repeat(64);
  }

  private interface Query<T> {
    T run() throws HqException;
  }

  private static <T> T noException(Query<T> query) {
    try {
      return query.run();
    } catch (HqException e) {
      throw new AssertionError(e);
    }
  }
}
