package io.outpost.hq.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DatabaseDurabilityTest {

  @Test
  void durable_h2Url_writesEveryCommitBeforeItReturns() {
    assertThat(Database.durable("jdbc:h2:file:./hq-data/hq;MODE=PostgreSQL"))
        .isEqualTo("jdbc:h2:file:./hq-data/hq;MODE=PostgreSQL;WRITE_DELAY=0");
  }

  @Test
  void durable_explicitWriteDelay_isLeftAsGiven() {
    assertThat(Database.durable("jdbc:h2:mem:x;write_delay=100"))
        .isEqualTo("jdbc:h2:mem:x;write_delay=100");
  }

  @Test
  void durable_postgresUrl_isUnchanged() {
    assertThat(Database.durable("jdbc:postgresql://127.0.0.1:5432/test"))
        .isEqualTo("jdbc:postgresql://127.0.0.1:5432/test");
  }
}
