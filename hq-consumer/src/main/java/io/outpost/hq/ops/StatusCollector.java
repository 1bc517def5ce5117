package io.outpost.hq.ops;

import io.outpost.hq.core.ClosingArchive;
import io.outpost.hq.core.DayReport;
import io.outpost.hq.core.HqException;
import io.outpost.hq.core.OutletState;
import io.outpost.hq.core.ReceiptLedger;
import io.outpost.hq.core.StoredClosing;
import io.outpost.keystore.Certificates;
import io.outpost.keystore.PinnedCertificate;
import io.outpost.keystore.TrustStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects one {@link HqStatus}: reads the store through its ports, re-reads the trust store, asks
 * the broker probe and, when there is an admin login, the broker's management. A part that fails is
 * reported as such; it never stops the others.
 */
final class StatusCollector {

  private static final Logger LOG = LoggerFactory.getLogger(StatusCollector.class);

  /** Where the pinned certificates come from at each refresh. */
  @FunctionalInterface
  interface TrustSource {
    TrustStore load() throws HqException;
  }

  /** The broker check. */
  @FunctionalInterface
  interface Probe {
    HqStatus.Check check();
  }

  /** The admin's view of the broker, given the outlets whose inboxes to look at. */
  @FunctionalInterface
  interface AdminView {
    HqStatus.BrokerView view(Set<String> outletIds);
  }

  private final ClosingArchive archive;
  private final ReceiptLedger ledger;
  private final TrustSource trustSource;
  private final String hqId;
  private final X509Certificate ownCertificate;
  private final Probe broker;
  private final AdminView admin;
  private final Clock clock;
  private final ZoneId zone;
  private TrustStore lastTrust;

  /**
   * @param admin the admin's view of the broker, or null when no admin login is configured
   */
  StatusCollector(
      ClosingArchive archive,
      ReceiptLedger ledger,
      TrustSource trustSource,
      String hqId,
      X509Certificate ownCertificate,
      Probe broker,
      AdminView admin,
      Clock clock,
      ZoneId zone) {
    this.archive = Objects.requireNonNull(archive, "archive");
    this.ledger = Objects.requireNonNull(ledger, "ledger");
    this.trustSource = Objects.requireNonNull(trustSource, "trustSource");
    this.hqId = Objects.requireNonNull(hqId, "hqId");
    this.ownCertificate = Objects.requireNonNull(ownCertificate, "ownCertificate");
    this.broker = Objects.requireNonNull(broker, "broker");
    this.admin = admin;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.zone = Objects.requireNonNull(zone, "zone");
  }

  synchronized HqStatus collect() {
    Instant now = clock.instant();
    LocalDate today = LocalDate.ofInstant(now, zone);
    TrustStore trust = trust();
    Set<String> expected = new TreeSet<>();
    for (PinnedCertificate pin : trust.all()) {
      if (!pin.revoked() && !pin.peerId().equals(hqId)) {
        expected.add(pin.peerId());
      }
    }
    HqStatus.Check brokerCheck = broker.check();
    HqStatus.BrokerView view =
        admin == null
            ? HqStatus.BrokerView.unavailable(
                "no admin login: set admin.user and admin.password-file to see queues and"
                    + " quarantine")
            : admin.view(expected);

    HqStatus.Check database;
    DayReport report;
    Map<String, Instant> lastSeen = new HashMap<>();
    long unsent = 0;
    long awaiting = 0;
    try {
      List<StoredClosing> day = archive.forDay(today);
      report = DayReport.of(today, expected, day, archive.chains());
      for (OutletState outlet : archive.outlets()) {
        lastSeen.put(outlet.id(), outlet.lastSeen());
      }
      unsent = ledger.unsent().size();
      awaiting = ledger.pending().size();
      database = HqStatus.Check.ok();
    } catch (HqException | RuntimeException e) {
      LOG.warn("status: database unavailable: {}", e.getMessage());
      report = DayReport.of(today, expected, List.of(), List.of());
      database = HqStatus.Check.failed(e.getMessage() == null ? e.toString() : e.getMessage());
    }

    Map<String, HqStatus.OutletRow> rows = new TreeMap<>();
    Map<String, Long> totals = new TreeMap<>();
    for (DayReport.OutletDay closed : report.closed()) {
      StoredClosing counted = closed.counted();
      totals.merge(counted.currency(), counted.total(), Long::sum);
      rows.put(
          closed.outletId(),
          new HqStatus.OutletRow(
              closed.outletId(),
              closed.amendments() > 0
                  ? HqStatus.OutletRow.State.AMENDED
                  : HqStatus.OutletRow.State.CLOSED,
              counted.sequence(),
              closed.amendments(),
              counted.currency(),
              counted.total(),
              lastSeen.get(closed.outletId()),
              view.receiptsWaiting().get(closed.outletId())));
    }
    for (String outlet : report.notClosed()) {
      rows.put(
          outlet,
          new HqStatus.OutletRow(
              outlet,
              HqStatus.OutletRow.State.MISSING,
              null,
              0,
              null,
              null,
              lastSeen.get(outlet),
              view.receiptsWaiting().get(outlet)));
    }
    return new HqStatus(
        now,
        today,
        database,
        brokerCheck,
        new ArrayList<>(rows.values()),
        totals,
        report.anomalies(),
        unsent,
        awaiting,
        certificates(trust),
        view);
  }

  /** The trust store as it is on disk now; the last one read when it cannot be read. */
  private TrustStore trust() {
    try {
      lastTrust = trustSource.load();
    } catch (HqException | RuntimeException e) {
      LOG.warn("status: cannot re-read the trust store: {}", e.getMessage());
      if (lastTrust == null) {
        lastTrust = TrustStore.empty();
      }
    }
    return lastTrust;
  }

  private List<HqStatus.CertificateRow> certificates(TrustStore trust) {
    List<HqStatus.CertificateRow> rows = new ArrayList<>();
    rows.add(
        new HqStatus.CertificateRow(
            hqId,
            true,
            Certificates.fingerprint(ownCertificate),
            ownCertificate.getNotAfter().toInstant(),
            false));
    for (PinnedCertificate pin : trust.all()) {
      rows.add(
          new HqStatus.CertificateRow(
              pin.peerId(),
              false,
              pin.fingerprint(),
              pin.certificate().getNotAfter().toInstant(),
              pin.revoked()));
    }
    rows.sort(
        Comparator.comparing(HqStatus.CertificateRow::notAfter)
            .thenComparing(HqStatus.CertificateRow::peer));
    return rows;
  }
}
