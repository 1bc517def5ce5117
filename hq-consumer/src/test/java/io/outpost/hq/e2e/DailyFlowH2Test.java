package io.outpost.hq.e2e;

/** The daily flow end to end with HQ on an H2 file database. */
class DailyFlowH2Test extends DailyFlowContract {

  @Override
  TestDatabase.Kind databaseKind() {
    return TestDatabase.Kind.H2;
  }
}
