package io.outpost.hq.e2e;

/**
 * The daily flow end to end with HQ on the PostgreSQL server at 127.0.0.1:5432 (database {@code
 * test}, a fresh schema per test); required when CI is set, otherwise skipped with the reason.
 */
class DailyFlowPostgresTest extends DailyFlowContract {

  @Override
  TestDatabase.Kind databaseKind() {
    return TestDatabase.Kind.POSTGRES;
  }
}
