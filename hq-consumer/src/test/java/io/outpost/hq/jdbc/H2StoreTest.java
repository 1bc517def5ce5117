package io.outpost.hq.jdbc;

/** The store contract on an in-memory H2 database in PostgreSQL mode. */
class H2StoreTest extends StoreContract {

  @Override
  Database.Settings freshDatabase() {
    return TestDatabases.h2();
  }
}
