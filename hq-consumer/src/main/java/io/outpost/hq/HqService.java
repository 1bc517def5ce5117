package io.outpost.hq;

import io.outpost.hq.core.AnnouncedKeys;
import io.outpost.hq.core.ClosingIngest;
import io.outpost.hq.core.ClosingStore;
import io.outpost.hq.core.HqException;
import io.outpost.hq.core.KeyAnnouncementDesk;
import io.outpost.hq.core.MenuResponder;
import io.outpost.hq.core.MessageKeys;
import io.outpost.hq.core.SignedReceiptPublisher;
import io.outpost.hq.jdbc.Database;
import io.outpost.hq.jms.ConsumerEvents;
import io.outpost.hq.jms.HqListeners;
import io.outpost.hq.jms.JmsBroker;
import io.outpost.hq.keys.FileAnnouncedKeys;
import io.outpost.hq.keys.HqKeyring;
import io.outpost.hq.ops.BrokerLogin;
import io.outpost.hq.ops.OpsMonitor;
import io.outpost.hq.ops.OpsSettings;
import io.outpost.hq.web.OpsHttpServer;
import io.outpost.keystore.Identity;
import io.outpost.keystore.TrustStore;
import io.outpost.message.SecureMessages;
import io.outpost.message.cms.GcmWarmUp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running HQ service, wired by constructor from its settings, identity and trust store: the
 * database, the broker consumers, ingest, receipts and menu answers. {@link #close} drains.
 */
public final class HqService implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(HqService.class);
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);

  /**
   * What the service connects to and how it batches.
   *
   * @param ops the status page, health and metrics port, or null for none
   * @param ingestThreads how many closings of a batch are verified at once
   */
  public record Settings(
      JmsBroker.Settings broker,
      Database.Settings database,
      int batchSize,
      Duration receiveTimeout,
      OpsSettings ops,
      int ingestThreads) {

    public Settings {
      Objects.requireNonNull(broker, "broker");
      Objects.requireNonNull(database, "database");
      Objects.requireNonNull(receiveTimeout, "receiveTimeout");
      if (ingestThreads < 1) {
        throw new IllegalArgumentException("ingestThreads must be positive, was " + ingestThreads);
      }
    }

    /** Verifying on as many threads as there are processors. */
    public Settings(
        JmsBroker.Settings broker,
        Database.Settings database,
        int batchSize,
        Duration receiveTimeout,
        OpsSettings ops) {
      this(broker, database, batchSize, receiveTimeout, ops, HqConfig.defaultIngestThreads());
    }

    /** Without a status page, health or metrics port. */
    public Settings(
        JmsBroker.Settings broker,
        Database.Settings database,
        int batchSize,
        Duration receiveTimeout) {
      this(broker, database, batchSize, receiveTimeout, null);
    }
  }

  private final List<Database> databases;
  private final ExecutorService verifiers;
  private final HqListeners listeners;
  private final OpsMonitor ops;
  private final OpsHttpServer http;
  private boolean closed;

  private HqService(
      List<Database> databases,
      ExecutorService verifiers,
      HqListeners listeners,
      OpsMonitor ops,
      OpsHttpServer http) {
    this.databases = databases;
    this.verifiers = verifiers;
    this.listeners = listeners;
    this.ops = ops;
    this.http = http;
  }

  /**
   * Opens (and migrates) the database, then starts consuming. A broker that is not reachable yet is
   * retried in the background; a database that is not reachable fails the start.
   */
  public static HqService start(Settings settings, Identity identity, TrustStore trust, Clock clock)
      throws HqException {
    return start(settings, identity, trust, clock, UnaryOperator.identity());
  }

  /**
   * As {@link #start(Settings, Identity, TrustStore, Clock)}, with HQ's keys over time: pins and
   * revocations made while HQ runs take effect within a second, closings sealed for HQ's next or
   * former key are opened too, and outlets' announcements of their next certificates are kept as
   * pending under the key directory.
   */
  public static HqService start(Settings settings, HqKeyring keys, Clock clock) throws HqException {
    return start(
        settings,
        keys,
        keys.primary(),
        keys.trust(),
        new FileAnnouncedKeys(keys.keyDir(), keys::trust, clock),
        clock,
        UnaryOperator.identity());
  }

  /**
   * As {@link #start(Settings, Identity, TrustStore, Clock)}, with closings opened by {@code keys}
   * and receipts signed by {@code keys.current()}. What {@code keys} accept is what HQ stores: this
   * lets a benchmark run the same pipeline on unsealed closings, as its baseline.
   */
  public static HqService start(
      Settings settings, MessageKeys keys, Identity identity, TrustStore trust, Clock clock)
      throws HqException {
    return start(settings, keys, identity, trust, null, clock, UnaryOperator.identity());
  }

  /** As {@link #start(Settings, Identity, TrustStore, Clock)}, with the closing store decorated. */
  static HqService start(
      Settings settings,
      Identity identity,
      TrustStore trust,
      Clock clock,
      UnaryOperator<ClosingStore> decorateStore)
      throws HqException {
    return start(
        settings,
        MessageKeys.of(new SecureMessages(identity, trust, clock)),
        identity,
        trust,
        null,
        clock,
        decorateStore);
  }

  /**
   * Starts with {@code messages} opening and signing; {@code announced} null refuses key
   * announcements.
   */
  static HqService start(
      Settings settings,
      MessageKeys messages,
      Identity identity,
      TrustStore trust,
      AnnouncedKeys announced,
      Clock clock,
      UnaryOperator<ClosingStore> decorateStore)
      throws HqException {
    Database database = Database.open(settings.database());
    // Receipts and menus each on a connection of their own, so that they need not wait for the
    // batch being stored (its transaction lasts while the batch is verified).
    Database receiptsDatabase = database.anotherConnection();
    Database menusDatabase = database.anotherConnection();
    ExecutorService verifiers = verifierPool(settings.ingestThreads());
    verifiers.execute(GcmWarmUp::run);
    ClosingIngest ingest =
        new ClosingIngest(messages, decorateStore.apply(database.closingStore()), clock, verifiers);
    MenuResponder menus =
        new MenuResponder(
            messages,
            menusDatabase.menuStore(),
            announced == null ? null : new KeyAnnouncementDesk(messages, announced));
    OpsMonitor ops = null;
    OpsHttpServer http = null;
    if (settings.ops() != null) {
      // Started before consuming, so that a port in use fails the start and no batch is counted
      // by nobody.
      try {
        JmsBroker.Settings login = settings.broker();
        ops =
            OpsMonitor.start(
                settings.ops(),
                new BrokerLogin(login.url(), login.user(), login.password()),
                settings.database(),
                identity.id(),
                identity.certificate(),
                trust,
                clock);
        http = OpsHttpServer.start(settings.ops(), ops, clock);
      } catch (HqException | RuntimeException e) {
        if (ops != null) {
          ops.close();
        }
        verifiers.shutdownNow();
        database.close();
        receiptsDatabase.close();
        menusDatabase.close();
        throw e;
      }
    }
    JmsBroker broker = new JmsBroker(settings.broker());
    HqListeners listeners =
        HqListeners.start(
            broker,
            identity.id(),
            ingest,
            inbox ->
                new SignedReceiptPublisher(
                    identity.id(), messages, receiptsDatabase.receiptLedger(), inbox, clock),
            menus,
            settings.batchSize(),
            settings.receiveTimeout(),
            ops == null ? ConsumerEvents.NONE : ops.events());
    LOG.info("HQ {} serving {} with {}", identity.id(), settings.broker(), settings.database());
    return new HqService(
        List.of(database, receiptsDatabase, menusDatabase), verifiers, listeners, ops, http);
  }

  /** Daemon threads, so that a service never closed does not keep the JVM alive. */
  private static ExecutorService verifierPool(int threads) {
    AtomicInteger count = new AtomicInteger();
    ThreadFactory factory =
        task -> {
          Thread thread = new Thread(task, "hq-verify-" + count.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        };
    return Executors.newFixedThreadPool(threads, factory);
  }

  /** The status page's URL ({@code /health} and {@code /metrics} beside it), when it is served. */
  public Optional<String> statusUrl() {
    return http == null ? Optional.empty() : Optional.of(http.url());
  }

  /** Asks the consumers to stop after the work in flight; {@link #close} waits for them. */
  public void stop() {
    listeners.stop();
  }

  /** Blocks until the consumers have stopped (after {@link #stop}, from any thread). */
  public boolean awaitStopped(Duration timeout) throws InterruptedException {
    return listeners.awaitStopped(timeout);
  }

  /** Stops consuming, lets the batch in flight commit or roll back, closes broker and database. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      listeners.stop();
      if (!listeners.awaitStopped(DRAIN_TIMEOUT)) {
        LOG.warn("consumers still busy after {} s; closing anyway", DRAIN_TIMEOUT.toSeconds());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      listeners.close();
      verifiers.shutdownNow();
      if (http != null) {
        http.close();
      }
      if (ops != null) {
        ops.close();
      }
      databases.forEach(Database::close);
      LOG.info("HQ stopped");
    }
  }
}
