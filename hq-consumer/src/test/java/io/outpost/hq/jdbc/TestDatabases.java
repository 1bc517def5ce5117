package io.outpost.hq.jdbc;

import static org.assertj.core.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * Databases for tests: a private in-memory H2 per call, or a fresh schema in the PostgreSQL server
 * on 127.0.0.1:5432 (database {@code test}). PostgreSQL is required when the environment variable
 * CI is set; otherwise a test that needs it is skipped, with the reason printed.
 */
public final class TestDatabases {

  public static final String POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/test";
  private static final String[] POSTGRES_USERS = {"postgres", "root"};

  private TestDatabases() {}

  /** A new, empty in-memory H2 database in PostgreSQL mode. */
  public static Database.Settings h2() {
    return new Database.Settings(
        "jdbc:h2:mem:hq-"
            + UUID.randomUUID()
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
        "sa",
        "");
  }

  /** Settings for a new schema in the test PostgreSQL database (created by the migration). */
  public static Database.Settings postgresSchema() {
    String user = reachablePostgresUser();
    String schema = "hq_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    return new Database.Settings(
        POSTGRES_URL + "?currentSchema=" + schema, user, null, schema.toLowerCase(Locale.ROOT));
  }

  /** Drops a schema made by {@link #postgresSchema()}. */
  public static void dropSchema(Database.Settings settings) throws SQLException {
    try (Connection c = DriverManager.getConnection(POSTGRES_URL, settings.user(), null);
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + settings.schema() + " CASCADE");
    }
  }

  private static String reachablePostgresUser() {
    SQLException last = null;
    for (String user : POSTGRES_USERS) {
      try (Connection c = DriverManager.getConnection(POSTGRES_URL, user, null)) {
        if (c.isValid(5)) {
          return user;
        }
      } catch (SQLException e) {
        last = e;
      }
    }
    String reason =
        "PostgreSQL at "
            + POSTGRES_URL
            + " is not reachable as "
            + String.join(" or ", POSTGRES_USERS)
            + (last == null ? "" : ": " + last.getMessage());
    if (System.getenv("CI") != null) {
      fail("CI is set, so PostgreSQL is required; " + reason);
    }
    System.out.println("Skipping PostgreSQL tests: " + reason);
    Assumptions.abort(reason);
    throw new AssertionError("unreachable");
  }
}
