package io.outpost.hq.jdbc;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;

/** The store contract on the PostgreSQL server, one fresh schema per test. */
class PostgresStoreTest extends StoreContract {

  private static final List<Database.Settings> SCHEMAS = new ArrayList<>();

  @Override
  Database.Settings freshDatabase() {
    Database.Settings settings = TestDatabases.postgresSchema();
    SCHEMAS.add(settings);
    return settings;
  }

  @AfterAll
  static void dropSchemas() throws Exception {
    for (Database.Settings settings : SCHEMAS) {
      TestDatabases.dropSchema(settings);
    }
  }
}
