package io.outpost.bench.ingest;

import io.outpost.hq.jdbc.Database;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * A fresh HQ database for one drain, and a way to count what HQ has answered: H2 in a file (HQ's
 * embedded default), or a new schema in the PostgreSQL server on 127.0.0.1:5432, database test.
 */
public final class IngestDatabase implements AutoCloseable {

  static final String POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/test";
  private static final String[] POSTGRES_USERS = {"postgres", "root"};

  // Receipt entries whose receipt the broker accepted: a closing counts once it is stored and
  // answered, as an outlet would see it.
  private static final String ANSWERED =
      "SELECT COUNT(*) FROM receipt_entries e JOIN receipts r ON r.id = e.receipt_id"
          + " WHERE r.sent_at IS NOT NULL";
  private static final String STORED = "SELECT COUNT(*) FROM closings";

  private final String kind;
  private final Database.Settings settings;
  private Connection connection;

  private IngestDatabase(String kind, Database.Settings settings) {
    this.kind = kind;
    this.settings = settings;
  }

  public static IngestDatabase h2(Path dir) {
    return new IngestDatabase(
        "h2",
        new Database.Settings(
            "jdbc:h2:file:"
                + dir.resolve("hq").toAbsolutePath()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
            "sa",
            ""));
  }

  /** A new schema in the local PostgreSQL server, if one answers. */
  static Optional<IngestDatabase> postgres() {
    String schema =
        "bench_"
            + UUID.randomUUID()
                .toString()
                .replace("-", "")
                .substring(0, 12)
                .toLowerCase(Locale.ROOT);
    for (String user : POSTGRES_USERS) {
      try (Connection c = DriverManager.getConnection(POSTGRES_URL, user, null)) {
        if (c.isValid(5)) {
          return Optional.of(
              new IngestDatabase(
                  "postgres",
                  new Database.Settings(
                      POSTGRES_URL + "?currentSchema=" + schema, user, null, schema)));
        }
      } catch (SQLException e) {
        // try the next user
      }
    }
    return Optional.empty();
  }

  String kind() {
    return kind;
  }

  public Database.Settings settings() {
    return settings;
  }

  /** Closings answered by a sent receipt, and closings stored; HQ must have migrated the schema. */
  long[] counts() throws SQLException {
    return new long[] {count(ANSWERED), count(STORED)};
  }

  /**
   * Whether all {@code expected} closings are answered. The join that counts answers scans every
   * entry, and the harness polls in HQ's JVM: it only runs once every closing is stored, which a
   * plain count says cheaply.
   */
  boolean answered(long expected) throws SQLException {
    return count(STORED) >= expected && count(ANSWERED) >= expected;
  }

  private long count(String sql) throws SQLException {
    if (connection == null) {
      connection =
          DriverManager.getConnection(settings.url(), settings.user(), settings.password());
    }
    try (PreparedStatement s = connection.prepareStatement(sql);
        ResultSet rs = s.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Override
  public void close() throws SQLException {
    if (connection != null) {
      connection.close();
      connection = null;
    }
    if (settings.schema() != null) {
      try (Connection c = DriverManager.getConnection(POSTGRES_URL, settings.user(), null);
          Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA IF EXISTS " + settings.schema() + " CASCADE");
      }
    }
  }
}
