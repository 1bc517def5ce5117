package io.outpost.hq.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outpost.hq.ops.HqStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HealthJsonTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration MAX_AGE = Duration.ofSeconds(60);

  @Test
  void of_brokerAndDatabaseUp_isHealthy() throws Exception {
    HqStatus status = StatusPageTest.status(StatusPageTest.brokerView("x"));

    HealthJson.Health health = HealthJson.of(status, StatusPageTest.NOW, MAX_AGE);

    assertThat(health.healthy()).isTrue();
    JsonNode json = JSON.readTree(health.json());
    assertThat(json.get("status").asText()).isEqualTo("UP");
    assertThat(json.at("/database/up").asBoolean()).isTrue();
    assertThat(json.at("/broker/up").asBoolean()).isTrue();
  }

  @Test
  void of_brokerDown_isUnhealthyAndSaysWhy() throws Exception {
    HqStatus up = StatusPageTest.status(StatusPageTest.brokerView("x"));
    HqStatus down =
        new HqStatus(
            up.takenAt(),
            up.businessDay(),
            up.database(),
            HqStatus.Check.failed("cannot reach the broker at tcp://127.0.0.1:61616"),
            up.outlets(),
            up.totals(),
            up.anomalies(),
            0,
            0,
            up.certificates(),
            up.brokerView());

    HealthJson.Health health = HealthJson.of(down, StatusPageTest.NOW, MAX_AGE);

    assertThat(health.healthy()).isFalse();
    JsonNode json = JSON.readTree(health.json());
    assertThat(json.get("status").asText()).isEqualTo("DOWN");
    assertThat(json.at("/broker/up").asBoolean()).isFalse();
    assertThat(json.at("/broker/detail").asText()).contains("cannot reach the broker");
    assertThat(health.json()).doesNotContain("12000");
  }

  @Test
  void of_oldStatus_isStale() throws Exception {
    HqStatus status = StatusPageTest.status(StatusPageTest.brokerView("x"));

    HealthJson.Health health =
        HealthJson.of(status, StatusPageTest.NOW.plus(Duration.ofMinutes(5)), MAX_AGE);

    assertThat(health.healthy()).isFalse();
    assertThat(JSON.readTree(health.json()).get("status").asText()).isEqualTo("STALE");
  }

  @Test
  void of_noStatusYet_isStarting() throws Exception {
    HealthJson.Health health = HealthJson.of(null, StatusPageTest.NOW, MAX_AGE);

    assertThat(health.healthy()).isFalse();
    assertThat(JSON.readTree(health.json()).get("status").asText()).isEqualTo("STARTING");
  }
}
