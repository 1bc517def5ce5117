package io.outpost.hq;

import io.outpost.hq.core.ClosingIngest;
import io.outpost.hq.core.ClosingStore;
import io.outpost.hq.core.HqException;
import io.outpost.hq.core.MenuResponder;
import io.outpost.hq.core.SignedReceiptPublisher;
import io.outpost.hq.jdbc.Database;
import io.outpost.hq.jms.HqListeners;
import io.outpost.hq.jms.JmsBroker;
import io.outpost.keystore.Identity;
import io.outpost.keystore.TrustStore;
import io.outpost.message.SecureMessages;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
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

  /** What the service connects to and how it batches. */
  public record Settings(
      JmsBroker.Settings broker,
      Database.Settings database,
      int batchSize,
      Duration receiveTimeout) {

    public Settings {
      Objects.requireNonNull(broker, "broker");
      Objects.requireNonNull(database, "database");
      Objects.requireNonNull(receiveTimeout, "receiveTimeout");
    }
  }

  private final Database database;
  private final HqListeners listeners;
  private boolean closed;

  private HqService(Database database, HqListeners listeners) {
    this.database = database;
    this.listeners = listeners;
  }

  /**
   * Opens (and migrates) the database, then starts consuming. A broker that is not reachable yet is
   * retried in the background; a database that is not reachable fails the start.
   */
  public static HqService start(Settings settings, Identity identity, TrustStore trust, Clock clock)
      throws HqException {
    return start(settings, identity, trust, clock, UnaryOperator.identity());
  }

  /** As {@link #start(Settings, Identity, TrustStore, Clock)}, with the closing store decorated. */
  static HqService start(
      Settings settings,
      Identity identity,
      TrustStore trust,
      Clock clock,
      UnaryOperator<ClosingStore> decorateStore)
      throws HqException {
    Database database = Database.open(settings.database());
    SecureMessages messages = new SecureMessages(identity, trust, clock);
    ClosingIngest ingest =
        new ClosingIngest(messages, decorateStore.apply(database.closingStore()), clock);
    MenuResponder menus = new MenuResponder(messages, database.menuStore());
    JmsBroker broker = new JmsBroker(settings.broker());
    HqListeners listeners =
        HqListeners.start(
            broker,
            identity.id(),
            ingest,
            inbox ->
                new SignedReceiptPublisher(
                    identity.id(), messages, database.receiptLedger(), inbox, clock),
            menus,
            settings.batchSize(),
            settings.receiveTimeout());
    LOG.info("HQ {} serving {} with {}", identity.id(), settings.broker(), settings.database());
    return new HqService(database, listeners);
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
      database.close();
      LOG.info("HQ stopped");
    }
  }
}
