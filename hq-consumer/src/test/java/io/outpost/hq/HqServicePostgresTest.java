package io.outpost.hq;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.hq.jdbc.Database;
import io.outpost.hq.jdbc.TestDatabases;
import io.outpost.keystore.Identity;
import io.outpost.keystore.TestIdentities;
import io.outpost.keystore.TrustStore;
import io.outpost.message.payload.Closing;
import io.outpost.message.payload.ReceiptEntry;
import jakarta.jms.Message;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service on PostgreSQL (a fresh schema for this class): ingest, receipt, duplicate. */
class HqServicePostgresTest {

  private static final LocalDate DAY = LocalDate.of(2025, 4, 1);

  @TempDir static Path brokerDir;

  private static Database.Settings settings;
  private static TestBroker broker;

  @BeforeAll
  static void start() throws Exception {
    settings = TestDatabases.postgresSchema();
    broker = TestBroker.start(brokerDir);
  }

  @AfterAll
  static void stop() throws Exception {
    if (broker != null) {
      broker.close();
    }
    if (settings != null) {
      TestDatabases.dropSchema(settings);
    }
  }

  @Test
  void serve_onPostgres_storesOnceAndAnswersTheResendAsDuplicate() throws Exception {
    Identity hq = TestIdentities.of(TestBroker.HQ);
    TrustStore trust =
        TrustStore.of(List.of(TestIdentities.pin(TestIdentities.of(TestBroker.OUTLET_A))));
    TestOutlet outlet = TestOutlet.of(TestBroker.OUTLET_A, hq, broker);
    Closing closing = outlet.closing(DAY, 1, null);
    byte[] sealed = outlet.seal(closing);

    HqService service =
        HqService.start(
            new HqService.Settings(broker.hqSettings(), settings, 16, Duration.ofMillis(100)),
            hq,
            trust,
            Clock.systemUTC());
    try (service;
        Database database = Database.open(settings)) {
      outlet.sendClosing(sealed, closing.messageId().toString());
      List<Message> first = outlet.inbox(15_000);
      outlet.sendClosing(sealed, closing.messageId() + "-resent");
      List<Message> second = outlet.inbox(15_000);

      assertThat(first).hasSize(1);
      assertThat(second).hasSize(1);
      assertThat(outlet.verifyReceipt(first.get(0)).payload().entries())
          .extracting(ReceiptEntry::outcome)
          .containsExactly(ReceiptEntry.Outcome.STORED);
      assertThat(outlet.verifyReceipt(second.get(0)).payload().entries())
          .extracting(ReceiptEntry::outcome)
          .containsExactly(ReceiptEntry.Outcome.DUPLICATE);
      assertThat(database.archive().forDay(DAY)).hasSize(1);
    }
  }
}
