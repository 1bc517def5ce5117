package io.outpost.hq.ops;

import io.outpost.hq.core.DayReport;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What HQ looks like at one moment: connectivity, today's closings per outlet, receipts, sequence
 * gaps, certificates and, with the admin login, the broker's queues and quarantine. The page shows
 * it all; the metrics take everything but the sales totals. {@link #toString()} leaves the totals
 * out, so that a log line can never carry them.
 *
 * @param totals today's totals per currency, in minor units (for HQ's own page only)
 * @param receiptsUnsent receipts HQ signed that the broker has not accepted yet
 * @param closingsAwaitingReceipt stored closings no receipt has answered yet
 */
public record HqStatus(
    Instant takenAt,
    LocalDate businessDay,
    Check database,
    Check broker,
    List<OutletRow> outlets,
    Map<String, Long> totals,
    List<DayReport.Anomaly> anomalies,
    long receiptsUnsent,
    long closingsAwaitingReceipt,
    List<CertificateRow> certificates,
    BrokerView brokerView) {

  /** Certificates expiring within this many days are flagged. */
  public static final int EXPIRY_WARNING_DAYS = 30;

  public HqStatus {
    Objects.requireNonNull(takenAt, "takenAt");
    Objects.requireNonNull(businessDay, "businessDay");
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(broker, "broker");
    Objects.requireNonNull(brokerView, "brokerView");
    outlets = List.copyOf(outlets);
    totals = Collections.unmodifiableMap(new TreeMap<>(totals));
    anomalies = List.copyOf(anomalies);
    certificates = List.copyOf(certificates);
  }

  /** Whether HQ can do its work: the database and the broker both answer. */
  public boolean healthy() {
    return database.up() && broker.up();
  }

  /** The outlets expected to close that have not closed {@link #businessDay()}. */
  public List<OutletRow> notClosed() {
    return outlets.stream().filter(o -> o.state() == OutletRow.State.MISSING).toList();
  }

  /** Certificates that expire within {@link #EXPIRY_WARNING_DAYS} days, or already have. */
  public List<CertificateRow> expiringCertificates() {
    return certificates.stream()
        .filter(c -> !c.revoked() && c.daysLeft(takenAt) < EXPIRY_WARNING_DAYS)
        .toList();
  }

  @Override
  public String toString() {
    return "HqStatus["
        + takenAt
        + ", day "
        + businessDay
        + ", database "
        + (database.up() ? "up" : "down")
        + ", broker "
        + (broker.up() ? "up" : "down")
        + ", "
        + outlets.size()
        + " outlet(s), "
        + notClosed().size()
        + " not closed]";
  }

  /** One connectivity check: up, or down with what failed. */
  public record Check(boolean up, String detail) {

    public static Check ok() {
      return new Check(true, null);
    }

    public static Check failed(String detail) {
      return new Check(false, Objects.requireNonNull(detail, "detail"));
    }
  }

  /**
   * One expected outlet and its day.
   *
   * @param sequence the counted closing's sequence, or null when it has not closed the day
   * @param amendments how many amendments led to the counted closing
   * @param total the counted closing's total in minor units, or null (HQ's own page only)
   * @param lastSeen when HQ last stored a closing of it, or null if never
   * @param receiptsUncollected receipts waiting in its inbox, or null when unknown (no admin login)
   */
  public record OutletRow(
      String id,
      State state,
      Long sequence,
      int amendments,
      String currency,
      Long total,
      Instant lastSeen,
      Long receiptsUncollected) {

    /** An outlet's day: closed, closed and then amended, or missing. */
    public enum State {
      CLOSED,
      AMENDED,
      MISSING
    }

    public OutletRow {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(state, "state");
    }

    /** Whole days since it was last seen, or null if never seen. */
    public Long daysSinceSeen(Instant now) {
      return lastSeen == null ? null : Math.max(0, Duration.between(lastSeen, now).toDays());
    }

    @Override
    public String toString() {
      return "OutletRow[" + id + " " + state + "]";
    }
  }

  /**
   * A certificate HQ relies on: its own, or one pinned for an outlet.
   *
   * @param own whether it is HQ's own certificate
   * @param fingerprint lower-case hex SHA-256 of the certificate
   */
  public record CertificateRow(
      String peer, boolean own, String fingerprint, Instant notAfter, boolean revoked) {

    public CertificateRow {
      Objects.requireNonNull(peer, "peer");
      Objects.requireNonNull(fingerprint, "fingerprint");
      Objects.requireNonNull(notAfter, "notAfter");
    }

    /** Days left until it expires, negative once it has. */
    public long daysLeft(Instant now) {
      return Math.floorDiv(Duration.between(now, notAfter).toSeconds(), 86_400L);
    }
  }

  /**
   * The broker as its admin sees it, or why it cannot be seen.
   *
   * @param detail why the view is unavailable, or null when it is available
   * @param quarantineByReason every quarantined message counted by reason code
   * @param quarantine the oldest quarantined messages, up to a page's worth
   * @param receiptsWaiting per outlet id, the receipts in its inbox that it has not collected
   */
  public record BrokerView(
      String detail,
      List<QueueFacts> queues,
      Map<String, Long> quarantineByReason,
      List<QuarantinedMessage> quarantine,
      Map<String, Long> receiptsWaiting) {

    public BrokerView {
      queues = List.copyOf(queues);
      quarantineByReason = Collections.unmodifiableMap(new TreeMap<>(quarantineByReason));
      quarantine = List.copyOf(quarantine);
      receiptsWaiting = Collections.unmodifiableMap(new TreeMap<>(receiptsWaiting));
    }

    public static BrokerView unavailable(String detail) {
      return new BrokerView(
          Objects.requireNonNull(detail, "detail"), List.of(), Map.of(), List.of(), Map.of());
    }

    public boolean available() {
      return detail == null;
    }
  }
}
