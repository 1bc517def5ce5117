package io.outpost.hq.jdbc;

import io.outpost.hq.core.ClosingArchive;
import io.outpost.hq.core.ClosingStore;
import io.outpost.hq.core.HqException;
import io.outpost.hq.core.MenuStore;
import io.outpost.hq.core.ReceiptLedger;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * HQ's database over plain JDBC: migrated with Flyway on open, one connection reused across
 * transactions and opened again after a failure. The stores it hands out share that connection, one
 * transaction at a time.
 */
public final class Database implements AutoCloseable {

  /** The settings to reach the database; the password never appears in {@link #toString()}. */
  public record Settings(String url, String user, String password, String schema) {

    public Settings(String url, String user, String password) {
      this(url, user, password, null);
    }

    @Override
    public String toString() {
      return "Database.Settings["
          + redact(url)
          + " as "
          + user
          + (schema == null ? "" : ", schema " + schema)
          + "]";
    }
  }

  /** Work done inside one transaction. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection connection) throws SQLException, HqException;
  }

  private final Settings settings;
  private Connection connection;

  private Database(Settings settings) {
    this.settings = settings;
  }

  /**
   * H2 delays writing a commit to its file by default (WRITE_DELAY 500 ms): a killed HQ would lose
   * closings it had already answered with a receipt. Every commit is written before it returns.
   */
  static String durable(String url) {
    if (url.startsWith("jdbc:h2:")
        && !url.toUpperCase(java.util.Locale.ROOT).contains("WRITE_DELAY")) {
      return url + ";WRITE_DELAY=0";
    }
    return url;
  }

  /** Connects and brings the schema up to date. */
  public static Database open(Settings settings) throws HqException {
    migrate(settings);
    Database database = new Database(settings);
    database.transaction(c -> null);
    return database;
  }

  /**
   * Another connection to the same (migrated) database, for work that should not wait for this
   * one's transactions: receipts and menus beside a batch being stored.
   */
  public Database anotherConnection() {
    return new Database(settings);
  }

  public ClosingStore closingStore() {
    return new JdbcClosingStore(this);
  }

  public ReceiptLedger receiptLedger() {
    return new JdbcReceiptLedger(this);
  }

  public MenuStore menuStore() {
    return new JdbcMenuStore(this);
  }

  public ClosingArchive archive() {
    return new JdbcClosingArchive(this);
  }

  /**
   * Runs {@code work} in one transaction: commits when it returns, rolls back when it throws. A
   * work that returns normally after deciding to store nothing must roll back itself.
   */
  synchronized <T> T transaction(Work<T> work) throws HqException {
    Connection c = connection();
    try {
      T result = work.run(c);
      c.commit();
      return result;
    } catch (SQLException e) {
      rollbackQuietly(c);
      dropIfBroken(c);
      throw new HqException(
          HqException.Reason.STORAGE,
          "database " + redact(settings.url()) + " failed: " + describe(e),
          e);
    } catch (HqException | RuntimeException e) {
      rollbackQuietly(c);
      dropIfBroken(c);
      throw e;
    }
  }

  @Override
  public synchronized void close() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        // Closing is best effort: the transaction, if any, was already ended.
      }
      connection = null;
    }
  }

  @Override
  public String toString() {
    return "Database[" + settings + "]";
  }

  private Connection connection() throws HqException {
    if (connection == null) {
      try {
        Connection c = DriverManager.getConnection(durable(settings.url()), properties());
        c.setAutoCommit(false);
        c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        if (settings.schema() != null) {
          c.setSchema(settings.schema());
        }
        connection = c;
      } catch (SQLException e) {
        throw new HqException(
            HqException.Reason.STORAGE,
            "cannot connect to database "
                + redact(settings.url())
                + " as "
                + settings.user()
                + ": "
                + describe(e),
            e);
      }
    }
    return connection;
  }

  private Properties properties() {
    Properties properties = new Properties();
    if (settings.user() != null) {
      properties.setProperty("user", settings.user());
    }
    if (settings.password() != null) {
      properties.setProperty("password", settings.password());
    }
    if (settings.url().startsWith("jdbc:postgresql:")) {
      // A closing's ~200 sales lines go as a few multi-row INSERTs instead of 200 statements: the
      // drain of a backlog into PostgreSQL ran a third faster (bench, plain closings).
      properties.setProperty("reWriteBatchedInserts", "true");
    }
    return properties;
  }

  private static void migrate(Settings settings) throws HqException {
    try {
      var configuration =
          Flyway.configure()
              .dataSource(durable(settings.url()), settings.user(), settings.password())
              .locations("classpath:db/migration")
              .loggers("slf4j");
      if (settings.schema() != null) {
        configuration.schemas(settings.schema()).createSchemas(true);
      }
      configuration.load().migrate();
    } catch (FlywayException e) {
      throw new HqException(
          HqException.Reason.STORAGE,
          "cannot migrate database "
              + redact(settings.url())
              + " as "
              + settings.user()
              + ": "
              + e.getMessage(),
          e);
    }
  }

  private void rollbackQuietly(Connection c) {
    try {
      c.rollback();
    } catch (SQLException e) {
      // The connection is checked and dropped right after when it is broken.
    }
  }

  private void dropIfBroken(Connection c) {
    boolean valid;
    try {
      valid = c.isValid(2);
    } catch (SQLException e) {
      valid = false;
    }
    if (!valid) {
      close();
    }
  }

  /** A JDBC URL fit for messages: a password inside it is masked. */
  public static String redact(String url) {
    return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }

  private static String describe(SQLException e) {
    return e.getMessage() + (e.getSQLState() == null ? "" : " (SQLState " + e.getSQLState() + ")");
  }
}
