package io.outpost.hq.e2e;

import io.outpost.hq.jdbc.Database;
import io.outpost.hq.jdbc.TestDatabases;
import java.nio.file.Path;
import java.sql.SQLException;

/**
 * HQ's database for one test, reached the way an operator configures it (a JDBC URL and a user): an
 * H2 file under the test's directory, or a fresh schema in the PostgreSQL server of {@link
 * TestDatabases} (required when CI is set, otherwise the test is skipped with the reason printed).
 *
 * @param schema the PostgreSQL schema to drop afterwards, or null for H2
 */
record TestDatabase(String url, String user, Database.Settings schema) implements AutoCloseable {

  /** Which database the daily flow runs on. */
  enum Kind {
    H2,
    POSTGRES;

    TestDatabase create(Path dir) {
      return this == H2 ? h2(dir) : postgres();
    }
  }

  static TestDatabase h2(Path dir) {
    return new TestDatabase(
        "jdbc:h2:file:"
            + dir.resolve("hq-db").resolve("hq")
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
        "sa",
        null);
  }

  static TestDatabase postgres() {
    Database.Settings settings = TestDatabases.postgresSchema();
    return new TestDatabase(settings.url(), settings.user(), settings);
  }

  /** The settings HQ's tools build from this URL and user (no password file). */
  Database.Settings settings() {
    return new Database.Settings(url, user, "");
  }

  @Override
  public void close() throws SQLException {
    if (schema != null) {
      TestDatabases.dropSchema(schema);
    }
  }
}
