package io.outpost.hq.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.outpost.hq.core.Handled;
import io.outpost.message.Addresses;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsumerMetricsTest {

  private final MeterRegistry registry = new SimpleMeterRegistry();
  private final ConsumerMetrics metrics = new ConsumerMetrics(registry);

  @Test
  void committed_eachOutcome_countsUnderItsOwnMeter() {
    metrics.committed(
        Addresses.CLOSINGS,
        List.of(
            handled(Handled.Outcome.STORED, null),
            handled(Handled.Outcome.STORED, null),
            handled(Handled.Outcome.DUPLICATE, null),
            handled(Handled.Outcome.REJECTED, "DAY_ALREADY_CLOSED: outlet-a closed 2025-03-14"),
            handled(Handled.Outcome.QUARANTINED, "UNKNOWN_SENDER: not pinned")),
        1,
        Duration.ofMillis(40));

    assertThat(count("outpost.closings.ingested")).isEqualTo(2);
    assertThat(count("outpost.closings.duplicates")).isEqualTo(1);
    assertThat(
            registry
                .get("outpost.closings.rejected")
                .tag("reason", "DAY_ALREADY_CLOSED")
                .counter()
                .count())
        .isEqualTo(1);
    assertThat(
            registry
                .get("outpost.quarantined")
                .tag("reason", "UNKNOWN_SENDER")
                .tag("type", "closing")
                .counter()
                .count())
        .isEqualTo(1);
    assertThat(
            registry.get("outpost.redelivered").tag("queue", Addresses.CLOSINGS).counter().count())
        .isEqualTo(1);
    assertThat(registry.get("outpost.ingest.latency").timer().count()).isEqualTo(1);
  }

  @Test
  void committed_menuRequests_countedByOutcomeWithoutIngestLatency() {
    metrics.committed(
        Addresses.MENU_REQUESTS,
        List.of(new Handled("menu request", "id", "outlet-a", Handled.Outcome.ANSWERED, null)),
        0,
        Duration.ofMillis(5));

    assertThat(registry.get("outpost.menu.requests").tag("outcome", "answered").counter().count())
        .isEqualTo(1);
    assertThat(registry.get("outpost.ingest.latency").timer().count()).isZero();
  }

  @Test
  void rolledBack_countsTheMessagesPerQueue() {
    metrics.rolledBack(Addresses.CLOSINGS, 7);

    assertThat(
            registry.get("outpost.rolled.back").tag("queue", Addresses.CLOSINGS).counter().count())
        .isEqualTo(7);
  }

  @Test
  void reason_freeTextOrMissing_becomesOther() {
    assertThat(ConsumerMetrics.reason("BAD_SIGNATURE: outer signature")).isEqualTo("BAD_SIGNATURE");
    assertThat(ConsumerMetrics.reason("no code here: at all")).isEqualTo("OTHER");
    assertThat(ConsumerMetrics.reason("EUR 207.30")).isEqualTo("OTHER");
    assertThat(ConsumerMetrics.reason(null)).isEqualTo("OTHER");
  }

  @Test
  void meters_fromTheStart_existAtZero() {
    assertThat(count("outpost.closings.ingested")).isZero();
    assertThat(
            registry
                .get("outpost.redelivered")
                .tag("queue", Addresses.MENU_REQUESTS)
                .counter()
                .count())
        .isZero();
  }

  private double count(String name) {
    return registry.get(name).counter().count();
  }

  private static Handled handled(Handled.Outcome outcome, String detail) {
    return new Handled("closing", "id", "outlet-a", outcome, detail);
  }
}
