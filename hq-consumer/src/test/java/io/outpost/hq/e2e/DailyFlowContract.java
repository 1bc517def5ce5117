package io.outpost.hq.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.hq.core.StoredClosing;
import io.outpost.message.Addresses;
import io.outpost.message.Verified;
import io.outpost.message.WireProperties;
import io.outpost.message.payload.Receipt;
import io.outpost.message.payload.ReceiptEntry;
import jakarta.jms.Message;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daily flow with the real outlet tools and the real HQ service, through the in-JVM broker and
 * a real database: menu, closing, receipts, the broker going away and coming back, resends. Each
 * subclass names the database; the broker is shared by a class's tests, the database, HQ's service
 * and the outlets' outboxes are new for each test.
 */
abstract class DailyFlowContract {

  private static final LocalDate EXAMPLE_DAY = LocalDate.of(2024, 5, 1);

  @TempDir static Path brokerDir;

  private static Fleet fleet;
  private static LiveBroker broker;

  @TempDir Path dir;

  private TestDatabase database;
  private HqSite hq;
  private CapturedLogs logs;
  private final List<OutletSite> outlets = new ArrayList<>();

  /** The database this class runs HQ on. */
  abstract TestDatabase.Kind databaseKind();

  @BeforeAll
  static void startBroker() throws Exception {
    fleet = Fleet.shared();
    broker = LiveBroker.start(brokerDir);
  }

  @AfterAll
  static void stopBroker() throws Exception {
    if (broker != null) {
      broker.close();
    }
  }

  @BeforeEach
  void install() throws Exception {
    database = databaseKind().create(dir);
    hq = new HqSite(fleet, broker, database);
    for (String id : Fleet.OUTLETS) {
      outlets.add(new OutletSite(id, fleet, broker, dir.resolve(id)));
    }
  }

  @AfterEach
  void uninstall() throws Exception {
    if (logs != null) {
      logs.close();
    }
    if (hq != null) {
      hq.close();
    }
    broker.drain();
    if (database != null) {
      database.close();
    }
  }

  @Test
  void menuAndClose_threeOutlets_acknowledgedAtTheOutletsAndReportedAtHq() throws Exception {
    logs = new CapturedLogs();
    List<Run> outletRuns = new ArrayList<>();
    Run published = hq.hq("menu", "publish", Examples.argument(Examples.menu()));
    assertThat(published.code()).as(published.transcript()).isZero();
    assertThat(published.out()).contains("menu version 42 published");
    hq.serve();

    Map<String, Path> entries = new LinkedHashMap<>();
    for (OutletSite outlet : outlets) {
      Run menu = outlet.outlet("menu");
      outletRuns.add(menu);
      assertThat(menu.code()).as(menu.transcript()).isZero();
      assertThat(menu.out())
          .contains("menu version 42, valid from 2024-05-01")
          .contains("Classic burger");

      Run close = outlet.outlet("close", "--sales", Examples.argument(Examples.closing()));
      outletRuns.add(close);
      assertThat(close.code()).as(close.transcript()).isZero();
      assertThat(close.out())
          .contains("closed 2024-05-01: sealed into the outbox as sequence 1")
          .contains("flushed: 1 sent, 1 acknowledged, 0 rejected by HQ; 0 pending, 0 awaiting");
      assertThat(outlet.entries()).hasSize(1);
      entries.put(outlet.id(), outlet.entries().get(0));
    }

    for (OutletSite outlet : outlets) {
      Run status = outlet.outlet("status");
      outletRuns.add(status);
      assertThat(status.code()).as(status.transcript()).isZero();
      assertThat(status.out())
          .contains("0 pending, 0 sent, 1 acknowledged, 0 rejected")
          .containsPattern("\\s1\\s+2024-05-01\\s+ACKNOWLEDGED\\s");
      // The outlet kept HQ's signed receipt; it verifies against HQ's pinned certificate alone
      // and names the digest of exactly what the outlet sealed.
      Properties meta = OutletSite.meta(entries.get(outlet.id()));
      Verified<Receipt> kept =
          outlet
              .messages()
              .openSigned(Files.readAllBytes(outlet.keptReceipts().get(0)), Receipt.class);
      assertThat(kept.signerId()).isEqualTo(Fleet.HQ);
      assertThat(kept.payload().entries())
          .singleElement()
          .satisfies(
              entry -> {
                assertThat(entry.outcome()).isEqualTo(ReceiptEntry.Outcome.STORED);
                assertThat(entry.messageId().toString()).isEqualTo(meta.getProperty("messageId"));
                assertThat(entry.contentDigest()).isEqualTo(meta.getProperty("contentDigest"));
              });
    }

    Run report = hq.hq("report", "--date", EXAMPLE_DAY.toString());
    assertThat(report.code()).as(report.transcript()).isZero();
    String total = BigDecimal.valueOf(Examples.closingTotal(), 2).toPlainString();
    for (OutletSite outlet : outlets) {
      assertThat(report.out())
          .containsPattern(
              Pattern.quote(outlet.id())
                  + "\\s+EUR\\s+"
                  + Pattern.quote(total)
                  + "\\s+sequence 1\\s+"
                  + OutletSite.messageId(entries.get(outlet.id())));
    }
    assertThat(report.out())
        .contains("Closed: 3 outlet(s)")
        .contains("Not closed: none")
        .contains("Gaps and forks: none");

    UUID first = OutletSite.messageId(entries.get(Fleet.OUTLET_1));
    Run audit = hq.hq("audit", first.toString());
    assertThat(audit.code()).as(audit.transcript()).isZero();
    assertThat(audit.out())
        .contains("closing " + first + ": signature verified")
        .containsPattern("signed by:\\s+" + Fleet.OUTLET_1 + " \\(certificate sha256 ");

    assertThat(hq.archive().chains())
        .extracting(StoredClosing::messageId)
        .containsExactlyInAnyOrderElementsOf(
            entries.values().stream().map(this::messageIdOf).toList());

    // Sales figures appear in HQ's report and nowhere else: not in a log line of HQ, the broker
    // or the outlets, nor in what the outlet tools print.
    hq.stopServing();
    logs.close();
    List<String> figures = List.of(total, Long.toString(Examples.closingTotal()));
    assertThat(logs.lines()).isNotEmpty();
    for (String figure : figures) {
      assertThat(logs.lines()).noneMatch(line -> line.contains(figure));
      assertThat(outletRuns).noneMatch(run -> (run.out() + run.err()).contains(figure));
    }
  }

  @Test
  void brokerDown_closeExits3AndMenuFallsBackToTheCache_flushAfterItReturnsIsStoredOnce()
      throws Exception {
    assertThat(hq.hq("menu", "publish", Examples.argument(Examples.menu())).code()).isZero();
    hq.serve();
    OutletSite outlet = outlets.get(0);
    assertThat(outlet.outlet("menu").code()).isZero();

    broker.stop();
    try {
      Run menu = outlet.outletOffline("menu");
      assertThat(menu.code()).as(menu.transcript()).isEqualTo(3);
      assertThat(menu.out()).contains("menu version 42").contains("Classic burger");
      assertThat(menu.err()).contains("showing the cached menu, received");
      Run close = outlet.outletOffline("close", "--sales", Examples.argument(Examples.closing()));
      assertThat(close.code()).as(close.transcript()).isEqualTo(3);
      assertThat(close.out()).contains("closed 2024-05-01: sealed into the outbox as sequence 1");
      assertThat(close.err()).contains("offline").contains("1 pending");
      Run status = outlet.outlet("status");
      assertThat(status.out()).contains("1 pending, 0 sent, 0 acknowledged, 0 rejected");
    } finally {
      broker.restart();
    }

    Run flush = outlet.outlet("flush");
    assertThat(flush.code()).as(flush.transcript()).isZero();
    assertThat(flush.out()).contains("flushed: 1 sent, 1 acknowledged, 0 rejected by HQ");
    Run again = outlet.outlet("flush");
    assertThat(again.code()).as(again.transcript()).isZero();
    assertThat(again.out()).contains("flushed: 0 sent, 0 acknowledged");
    assertThat(outlet.outlet("status").out())
        .contains("0 pending, 0 sent, 1 acknowledged, 0 rejected");

    UUID messageId = OutletSite.messageId(outlet.entries().get(0));
    assertThat(hq.archive().chains())
        .singleElement()
        .satisfies(
            stored -> {
              assertThat(stored.messageId()).isEqualTo(messageId);
              assertThat(stored.outletId()).isEqualTo(outlet.id());
            });
  }

  @Test
  void resend_ofAStoredEntry_storesNothingAndIsAnsweredWithTheOriginalEntryAsDuplicate()
      throws Exception {
    hq.serve();
    OutletSite outlet = outlets.get(0);
    Run close = outlet.outlet("close", "--sales", Examples.argument(Examples.closing()));
    assertThat(close.code()).as(close.transcript()).isZero();
    Path entry = outlet.entries().get(0);
    byte[] sealed = OutletSite.sealed(entry);
    UUID messageId = OutletSite.messageId(entry);
    String digest = OutletSite.meta(entry).getProperty("contentDigest");

    // With HQ stopped, what the broker keeps of each resend stays visible on the queue.
    hq.stopServing();
    broker.sendAs(
        outlet.id(), Addresses.CLOSINGS, WireProperties.TYPE_CLOSING, sealed, messageId.toString());
    assertThat(broker.depth(Addresses.CLOSINGS))
        .as("the broker drops a resend under the same duplicate id")
        .isZero();
    broker.sendAs(
        outlet.id(),
        Addresses.CLOSINGS,
        WireProperties.TYPE_CLOSING,
        sealed,
        messageId + "-resent");
    assertThat(broker.depth(Addresses.CLOSINGS)).isEqualTo(1);
    hq.serve();

    List<Message> answers = broker.receiveAll(outlet.id(), Addresses.inbox(outlet.id()), 20_000);
    assertThat(answers).hasSize(1);
    Verified<Receipt> answer =
        outlet.messages().openSigned(answers.get(0).getBody(byte[].class), Receipt.class);
    assertThat(answer.payload().entries())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.messageId()).isEqualTo(messageId);
              assertThat(e.outcome()).isEqualTo(ReceiptEntry.Outcome.DUPLICATE);
              assertThat(e.contentDigest()).isEqualTo(digest);
              assertThat(e.sequence()).isEqualTo(1);
              assertThat(e.businessDate()).isEqualTo(EXAMPLE_DAY);
            });
    Verified<Receipt> original =
        outlet
            .messages()
            .openSigned(Files.readAllBytes(outlet.keptReceipts().get(0)), Receipt.class);
    assertThat(original.payload().entries())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.outcome()).isEqualTo(ReceiptEntry.Outcome.STORED);
              assertThat(e.contentDigest()).isEqualTo(digest);
            });
    assertThat(hq.archive().chains())
        .singleElement()
        .satisfies(stored -> assertThat(stored.messageId()).isEqualTo(messageId));
    assertThat(outlet.outlet("status").out())
        .contains("0 pending, 0 sent, 1 acknowledged, 0 rejected");
  }

  @Test
  void close_threeBusinessDaysOffline_flushStoresEachOnceInAnUnbrokenChain() throws Exception {
    hq.serve();
    OutletSite outlet = outlets.get(1);
    List<LocalDate> days =
        List.of(LocalDate.of(2024, 5, 2), LocalDate.of(2024, 5, 3), LocalDate.of(2024, 5, 4));
    Path sales = Files.createDirectories(dir.resolve("sales"));

    // The outlet's own line is down for three days; the broker and HQ carry on.
    for (int i = 0; i < days.size(); i++) {
      Path day = Examples.closingFor(sales, days.get(i));
      Run close = outlet.outletCutOff("close", "--sales", day.toString());
      assertThat(close.code()).as(close.transcript()).isEqualTo(3);
      assertThat(close.err()).contains((i + 1) + " pending");
    }
    assertThat(outlet.outlet("status").out())
        .contains("3 pending, 0 sent, 0 acknowledged, 0 rejected");
    assertThat(hq.archive().chains()).isEmpty();

    Run flush = outlet.outlet("flush");
    assertThat(flush.code()).as(flush.transcript()).isZero();
    assertThat(flush.out()).contains("flushed: 3 sent, 3 acknowledged, 0 rejected by HQ");

    List<StoredClosing> chain = hq.archive().chains();
    assertThat(chain).extracting(StoredClosing::outletId).containsOnly(outlet.id());
    assertThat(chain).extracting(StoredClosing::sequence).containsExactly(1L, 2L, 3L);
    assertThat(chain).extracting(StoredClosing::businessDate).containsExactlyElementsOf(days);
    assertThat(chain)
        .extracting(StoredClosing::messageId)
        .containsExactlyElementsOf(outlet.entries().stream().map(this::messageIdOf).toList());
    assertThat(chain.get(0).previousDigest()).isNull();
    assertThat(chain.get(1).previousDigest()).isEqualTo(chain.get(0).contentDigest());
    assertThat(chain.get(2).previousDigest()).isEqualTo(chain.get(1).contentDigest());
    for (int i = 0; i < days.size(); i++) {
      Run report = hq.hq("report", "--date", days.get(i).toString());
      assertThat(report.code()).as(report.transcript()).isZero();
      assertThat(report.out())
          .containsPattern(Pattern.quote(outlet.id()) + "\\s+EUR\\s+\\S+\\s+sequence " + (i + 1))
          .contains("Gaps and forks: none");
    }
  }

  private UUID messageIdOf(Path entry) {
    try {
      return OutletSite.messageId(entry);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
