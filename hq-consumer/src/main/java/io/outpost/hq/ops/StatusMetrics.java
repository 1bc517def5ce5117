package io.outpost.hq.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.outpost.hq.core.DayReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The business view as gauges, from the latest status: connectivity, outlets that have not closed
 * today, days since each outlet was last seen, receipts not yet sent or not yet collected, sequence
 * gaps, certificate expiry, and (with the admin login) queue depths and the quarantine. Labels are
 * outlet ids, queue names, reason codes and fingerprints: never an amount.
 */
final class StatusMetrics {

  private volatile HqStatus latest;
  private final MultiGauge closedToday;
  private final MultiGauge lastSeenDays;
  private final MultiGauge receiptsUncollected;
  private final MultiGauge certificateExpiryDays;
  private final MultiGauge anomalies;
  private final MultiGauge queueMessages;
  private final MultiGauge queueDelivering;
  private final MultiGauge queueConsumers;
  private final MultiGauge queueOldestAge;
  private final MultiGauge quarantineMessages;

  StatusMetrics(MeterRegistry registry) {
    gauge(
        registry, "outpost.broker.up", "1 when HQ's login reaches the broker", s -> up(s.broker()));
    gauge(registry, "outpost.database.up", "1 when HQ's database answers", s -> up(s.database()));
    gauge(
        registry,
        "outpost.broker.admin.view.up",
        "1 when the admin login reads queue facts and the quarantine",
        s -> s.brokerView().available() ? 1 : 0);
    gauge(
        registry,
        "outpost.outlets.not.closed.today",
        "Expected outlets without a stored closing for today's business day",
        s -> s.notClosed().size());
    gauge(
        registry,
        "outpost.receipts.unsent",
        "Receipts HQ signed and stored that the broker has not accepted yet",
        HqStatus::receiptsUnsent);
    gauge(
        registry,
        "outpost.closings.awaiting.receipt",
        "Stored closings that no receipt has answered yet",
        HqStatus::closingsAwaitingReceipt);
    gauge(
        registry,
        "outpost.certificates.expiring",
        "Certificates (HQ's own and pinned ones) expiring within 30 days or expired",
        s -> s.expiringCertificates().size());
    closedToday =
        multi(registry, "outpost.outlet.closed.today", "1 when the outlet closed today, else 0");
    lastSeenDays =
        multi(
            registry,
            "outpost.outlet.last.seen.days",
            "Whole days since HQ last stored a closing of the outlet (NaN: never)");
    receiptsUncollected =
        multi(
            registry,
            "outpost.receipts.uncollected",
            "Receipts waiting in the outlet's inbox that the outlet has not collected");
    certificateExpiryDays =
        multi(
            registry,
            "outpost.certificate.expiry.days",
            "Days until the certificate expires (negative: expired)");
    anomalies =
        multi(registry, "outpost.sequence.anomalies", "Gaps and forks in the outlets' chains");
    queueMessages = multi(registry, "outpost.queue.messages", "Messages in the queue");
    queueDelivering =
        multi(registry, "outpost.queue.delivering", "Messages delivered and not yet acknowledged");
    queueConsumers = multi(registry, "outpost.queue.consumers", "Consumers on the queue");
    queueOldestAge =
        multi(
            registry,
            "outpost.queue.oldest.message.age.seconds",
            "Age of the queue's oldest message (0 when empty)");
    quarantineMessages =
        multi(registry, "outpost.quarantine.messages", "Messages in quarantine, by reason code");
  }

  /** Re-registers the labelled rows from {@code s}; rows that went away disappear. */
  void update(HqStatus s) {
    latest = s;
    List<MultiGauge.Row<?>> closed = new ArrayList<>();
    List<MultiGauge.Row<?>> seen = new ArrayList<>();
    List<MultiGauge.Row<?>> uncollected = new ArrayList<>();
    for (HqStatus.OutletRow outlet : s.outlets()) {
      Tags tags = Tags.of("outlet", outlet.id());
      closed.add(
          MultiGauge.Row.of(tags, outlet.state() == HqStatus.OutletRow.State.MISSING ? 0 : 1));
      Long days = outlet.daysSinceSeen(s.takenAt());
      seen.add(MultiGauge.Row.of(tags, days == null ? Double.NaN : days));
      if (outlet.receiptsUncollected() != null) {
        uncollected.add(MultiGauge.Row.of(tags, outlet.receiptsUncollected()));
      }
    }
    closedToday.register(closed, true);
    lastSeenDays.register(seen, true);
    receiptsUncollected.register(uncollected, true);

    List<MultiGauge.Row<?>> expiry = new ArrayList<>();
    for (HqStatus.CertificateRow certificate : s.certificates()) {
      if (!certificate.revoked()) {
        expiry.add(
            MultiGauge.Row.of(
                Tags.of(
                    "peer",
                    certificate.peer(),
                    "kind",
                    certificate.own() ? "own" : "pinned",
                    "fingerprint",
                    certificate.fingerprint().substring(0, 16)),
                certificate.daysLeft(s.takenAt())));
      }
    }
    certificateExpiryDays.register(expiry, true);

    List<MultiGauge.Row<?>> breaks = new ArrayList<>();
    for (DayReport.Anomaly.Kind kind : DayReport.Anomaly.Kind.values()) {
      long count = s.anomalies().stream().filter(a -> a.kind() == kind).count();
      breaks.add(
          MultiGauge.Row.of(
              Tags.of("kind", kind.name().toLowerCase(java.util.Locale.ROOT)), count));
    }
    anomalies.register(breaks, true);

    List<MultiGauge.Row<?>> messages = new ArrayList<>();
    List<MultiGauge.Row<?>> delivering = new ArrayList<>();
    List<MultiGauge.Row<?>> consumers = new ArrayList<>();
    List<MultiGauge.Row<?>> oldest = new ArrayList<>();
    for (QueueFacts queue : s.brokerView().queues()) {
      Tags tags = Tags.of("queue", queue.name());
      messages.add(MultiGauge.Row.of(tags, queue.messages()));
      delivering.add(MultiGauge.Row.of(tags, queue.delivering()));
      consumers.add(MultiGauge.Row.of(tags, queue.consumers()));
      oldest.add(
          MultiGauge.Row.of(
              tags, queue.oldestAgeMillis() == null ? 0 : queue.oldestAgeMillis() / 1000.0));
    }
    queueMessages.register(messages, true);
    queueDelivering.register(delivering, true);
    queueConsumers.register(consumers, true);
    queueOldestAge.register(oldest, true);

    List<MultiGauge.Row<?>> quarantine = new ArrayList<>();
    for (Map.Entry<String, Long> reason : s.brokerView().quarantineByReason().entrySet()) {
      quarantine.add(MultiGauge.Row.of(Tags.of("reason", reason.getKey()), reason.getValue()));
    }
    quarantineMessages.register(quarantine, true);
  }

  private void gauge(
      MeterRegistry registry, String name, String description, ToDoubleFunction<HqStatus> value) {
    Gauge.builder(name, this, m -> m.latest == null ? Double.NaN : value.applyAsDouble(m.latest))
        .description(description)
        .register(registry);
  }

  private static MultiGauge multi(MeterRegistry registry, String name, String description) {
    return MultiGauge.builder(name).description(description).register(registry);
  }

  private static double up(HqStatus.Check check) {
    return check.up() ? 1 : 0;
  }
}
