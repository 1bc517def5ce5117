package io.outpost.reliability;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * HQ's database for one scenario: an H2 file (the embedded default) or a schema of its own in the
 * PostgreSQL server on 127.0.0.1:5432, database {@code test}. The suite reads it directly to audit
 * what HQ stored; for H2 only once HQ has stopped, since the file belongs to one process at a time.
 */
final class Db implements AutoCloseable {

  static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test";
  private static final String[] POSTGRES_USERS = {"postgres", "root"};

  private final String url;
  private final String auditUrl;
  private final String user;
  private final String schema;

  private Db(String url, String auditUrl, String user, String schema) {
    this.url = url;
    this.auditUrl = auditUrl;
    this.user = user;
    this.schema = schema;
  }

  /**
   * HQ's embedded default: no db.url in HQ's settings, so HQ opens {@code ./hq-data/hq} in its
   * working directory {@code hqHome} with the settings it ships with; the audit opens that file.
   * With {@code -Dreliability.db=postgres} a PostgreSQL schema instead, to compare the two.
   */
  static Db h2(Path hqHome) {
    if ("postgres".equals(System.getProperty("reliability.db"))) {
      return postgres(hqHome.getParent().getFileName().toString().substring(0, 1));
    }
    String file = hqHome.resolve("hq-data").resolve("hq").toAbsolutePath().toString();
    return new Db(
        null, "jdbc:h2:file:" + file + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE", "sa", null);
  }

  /**
   * A new schema in the test PostgreSQL database. Without PostgreSQL the scenario is skipped,
   * except under CI (the environment variable CI set), where it fails.
   */
  static Db postgres(String scenario) {
    String user = reachablePostgresUser();
    String schema =
        ("rel_" + scenario + "_" + UUID.randomUUID().toString().substring(0, 8))
            .toLowerCase(Locale.ROOT)
            .replace('-', '_');
    try (Connection c = DriverManager.getConnection(POSTGRES, user, null);
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create schema " + schema + ": " + e.getMessage(), e);
    }
    String url = POSTGRES + "?currentSchema=" + schema;
    return new Db(url, url, user, schema);
  }

  /** The same schema, reached by HQ through a TCP proxy on {@code port}; audits go direct. */
  Db through(int port) {
    if (schema == null) {
      throw new IllegalStateException("only PostgreSQL is reached over TCP");
    }
    return new Db(
        "jdbc:postgresql://127.0.0.1:" + port + "/test?currentSchema=" + schema,
        auditUrl,
        user,
        schema);
  }

  /** The URL HQ is given, or null when HQ uses its default database. */
  String url() {
    return url;
  }

  String user() {
    return user;
  }

  boolean postgres() {
    return schema != null;
  }

  String describe() {
    return schema == null
        ? "H2 file (HQ's default db.url)"
        : "PostgreSQL (127.0.0.1:5432/test, a schema of its own)";
  }

  /** One stored closing as the audit needs it. */
  record Row(
      String messageId,
      String outletId,
      LocalDate businessDate,
      long sequence,
      String previousDigest,
      String contentDigest,
      String receiptState) {}

  List<Row> closings() {
    List<Row> rows = new ArrayList<>();
    try (Connection c = connect();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT message_id, outlet_id, business_date, sequence, previous_digest,"
                    + " content_digest, receipt_state FROM closings ORDER BY outlet_id, sequence");
        ResultSet r = s.executeQuery()) {
      while (r.next()) {
        rows.add(
            new Row(
                r.getString(1).trim(),
                r.getString(2),
                r.getObject(3, LocalDate.class),
                r.getLong(4),
                r.getString(5) == null ? null : r.getString(5).trim(),
                r.getString(6).trim(),
                r.getString(7)));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the closings: " + e.getMessage(), e);
    }
    return rows;
  }

  long count(String table) {
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
      r.next();
      return r.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot count " + table + ": " + e.getMessage(), e);
    }
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(auditUrl, user, schema == null ? "" : null);
  }

  @Override
  public void close() {
    if (schema == null) {
      return;
    }
    try (Connection c = DriverManager.getConnection(POSTGRES, user, null);
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    } catch (SQLException e) {
      System.out.println("could not drop schema " + schema + ": " + e.getMessage());
    }
  }

  private static String reachablePostgresUser() {
    SQLException last = null;
    for (String user : POSTGRES_USERS) {
      try (Connection c = DriverManager.getConnection(POSTGRES, user, null)) {
        if (c.isValid(5)) {
          return user;
        }
      } catch (SQLException e) {
        last = e;
      }
    }
    String reason =
        "PostgreSQL at "
            + POSTGRES
            + " is not reachable as "
            + String.join(" or ", POSTGRES_USERS)
            + (last == null ? "" : ": " + last.getMessage());
    if (System.getenv("CI") != null) {
      throw new IllegalStateException("CI is set, so PostgreSQL is required; " + reason);
    }
    System.out.println("Skipping: " + reason);
    Assumptions.abort(reason);
    throw new AssertionError("unreachable");
  }
}
