package io.outpost.hq.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.outpost.hq.core.Handled;
import io.outpost.hq.jms.ConsumerEvents;
import io.outpost.message.Addresses;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Counts what HQ's consumers did: closings ingested, duplicates answered, rejections and
 * quarantines by reason code, redeliveries, rollbacks, menu requests, and the time a batch of
 * closings takes from its first message to the commit. Labels are queue names, outcomes and reason
 * codes: never an amount.
 */
final class ConsumerMetrics implements ConsumerEvents {

  private static final Pattern REASON_CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,47}");

  private final MeterRegistry registry;
  private final Counter ingested;
  private final Counter duplicates;
  private final Timer latency;

  ConsumerMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.ingested =
        Counter.builder("outpost.closings.ingested")
            .description("Closings verified and stored")
            .register(registry);
    this.duplicates =
        Counter.builder("outpost.closings.duplicates")
            .description("Closings received again and answered with their original receipt entry")
            .register(registry);
    this.latency =
        Timer.builder("outpost.ingest.latency")
            .description("Time from receiving a batch of closings to its commit")
            .serviceLevelObjectives(
                Duration.ofMillis(50),
                Duration.ofMillis(100),
                Duration.ofMillis(250),
                Duration.ofMillis(500),
                Duration.ofSeconds(1),
                Duration.ofSeconds(2),
                Duration.ofSeconds(5))
            .register(registry);
    for (String queue : List.of(Addresses.CLOSINGS, Addresses.MENU_REQUESTS)) {
      redelivered(queue);
      rolledBack(queue);
    }
  }

  @Override
  public void committed(String queue, List<Handled> handled, int redelivered, Duration elapsed) {
    for (Handled h : handled) {
      switch (h.outcome()) {
        case STORED -> ingested.increment();
        case DUPLICATE -> duplicates.increment();
        case REJECTED ->
            Counter.builder("outpost.closings.rejected")
                .description("Verified closings refused by a business rule, by reason code")
                .tag("reason", reason(h.detail()))
                .register(registry)
                .increment();
        case QUARANTINED ->
            Counter.builder("outpost.quarantined")
                .description("Messages sent to outpost.quarantine, by message type and reason code")
                .tag("type", h.kind().replace(' ', '-'))
                .tag("reason", reason(h.detail()))
                .register(registry)
                .increment();
        case ANSWERED, UNANSWERED ->
            Counter.builder("outpost.menu.requests")
                .description("Menu requests answered, or consumed unanswered (no menu published)")
                .tag("outcome", h.outcome().name().toLowerCase(java.util.Locale.ROOT))
                .register(registry)
                .increment();
      }
    }
    if (redelivered > 0) {
      redelivered(queue).increment(redelivered);
    }
    if (queue.equals(Addresses.CLOSINGS)) {
      latency.record(elapsed);
    }
  }

  @Override
  public void rolledBack(String queue, int messages) {
    rolledBack(queue).increment(messages);
  }

  private Counter redelivered(String queue) {
    return Counter.builder("outpost.redelivered")
        .description("Messages the broker delivered more than once (JMSXDeliveryCount above 1)")
        .tag("queue", queue)
        .register(registry);
  }

  private Counter rolledBack(String queue) {
    return Counter.builder("outpost.rolled.back")
        .description("Messages whose unit of work rolled back for the broker to redeliver")
        .tag("queue", queue)
        .register(registry);
  }

  /**
   * The reason code a refusal's detail starts with ({@code "UNKNOWN_SENDER: ..."}), or OTHER, so
   * that free text never becomes a label.
   */
  static String reason(String detail) {
    if (detail == null) {
      return "OTHER";
    }
    int colon = detail.indexOf(':');
    String code = colon < 0 ? detail : detail.substring(0, colon);
    return REASON_CODE.matcher(code).matches() ? code : "OTHER";
  }
}
