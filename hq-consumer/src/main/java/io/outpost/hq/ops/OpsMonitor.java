package io.outpost.hq.ops;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.outpost.hq.core.HqException;
import io.outpost.hq.jdbc.Database;
import io.outpost.hq.jms.ConsumerEvents;
import io.outpost.keystore.KeystoreException;
import io.outpost.keystore.TrustDirectory;
import io.outpost.keystore.TrustStore;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HQ's operational side, for the service to serve: the consumers' counters, the status collected in
 * the background, and the metrics registry holding both. It has its own database connection and
 * broker connections, so that watching never holds up ingest.
 */
public final class OpsMonitor implements AutoCloseable {

  /** The content type of {@link #scrape()}: the Prometheus text format. */
  public static final String PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private static final Logger LOG = LoggerFactory.getLogger(OpsMonitor.class);

  private final PrometheusMeterRegistry registry;
  private final ConsumerMetrics consumerMetrics;
  private final Database database;
  private final BrokerProbe probe;
  private final BrokerWatch watch;
  private final StatusMonitor monitor;

  private OpsMonitor(
      PrometheusMeterRegistry registry,
      ConsumerMetrics consumerMetrics,
      Database database,
      BrokerProbe probe,
      BrokerWatch watch,
      StatusMonitor monitor) {
    this.registry = registry;
    this.consumerMetrics = consumerMetrics;
    this.database = database;
    this.probe = probe;
    this.watch = watch;
    this.monitor = monitor;
  }

  /**
   * Opens its connections and collects the first status before returning.
   *
   * @param hqLogin HQ's own broker login, for the connectivity check
   * @param trust the trust store the service started with, used when {@code settings.keyDir()} is
   *     null or cannot be read
   * @throws HqException STORAGE when the database cannot be opened
   */
  public static OpsMonitor start(
      OpsSettings settings,
      BrokerLogin hqLogin,
      Database.Settings databaseSettings,
      String hqId,
      X509Certificate ownCertificate,
      TrustStore trust,
      Clock clock)
      throws HqException {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    ConsumerMetrics consumerMetrics = new ConsumerMetrics(registry);
    Database database = Database.open(databaseSettings);
    BrokerProbe probe = new BrokerProbe(hqLogin);
    BrokerWatch watch = settings.admin() == null ? null : new BrokerWatch(settings.admin());
    StatusCollector.TrustSource trustSource =
        settings.keyDir() == null ? () -> trust : () -> reload(settings.keyDir(), trust);
    StatusCollector collector =
        new StatusCollector(
            database.archive(),
            database.receiptLedger(),
            trustSource,
            hqId,
            ownCertificate,
            probe::check,
            watch == null ? null : watch::view,
            clock,
            settings.zone());
    StatusMetrics statusMetrics = new StatusMetrics(registry);
    StatusMonitor monitor =
        StatusMonitor.start(collector, settings.refresh(), List.of(statusMetrics::update));
    return new OpsMonitor(registry, consumerMetrics, database, probe, watch, monitor);
  }

  /** The pins on disk now; the service's own trust store while the directory cannot be read. */
  private static TrustStore reload(Path keyDir, TrustStore fallback) {
    try {
      return TrustDirectory.load(keyDir);
    } catch (KeystoreException e) {
      LOG.warn("status: cannot re-read the trust store in {}: {}", keyDir, e.getMessage());
      return fallback;
    }
  }

  /** What the consumers report to, for the counters. */
  public ConsumerEvents events() {
    return consumerMetrics;
  }

  /** The latest status. */
  public HqStatus status() {
    return monitor.latest();
  }

  /** How often the status is collected. */
  public Duration refresh() {
    return monitor.period();
  }

  /** The registry every metric is in, for the server to add its own. */
  public MeterRegistry registry() {
    return registry;
  }

  /** Every metric in the Prometheus text format ({@link #PROMETHEUS_CONTENT_TYPE}). */
  public String scrape() {
    return registry.scrape();
  }

  @Override
  public void close() {
    monitor.close();
    if (watch != null) {
      watch.close();
    }
    probe.close();
    database.close();
    registry.close();
  }
}
