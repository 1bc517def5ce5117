package io.outpost.hq.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outpost.hq.ops.HqStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /health}: UP (200) when the latest status found the database and the broker answering and
 * is recent, else DOWN or STALE (503), with what failed.
 */
final class HealthJson {

  private static final ObjectMapper JSON = new ObjectMapper();

  private HealthJson() {}

  /** The body and whether HQ is healthy. */
  record Health(boolean healthy, String json) {}

  /**
   * @param maxAge how old the latest status may be before it no longer counts
   */
  static Health of(HqStatus status, Instant now, Duration maxAge) {
    Map<String, Object> body = new LinkedHashMap<>();
    if (status == null) {
      body.put("status", "STARTING");
      return new Health(false, write(body));
    }
    boolean fresh = Duration.between(status.takenAt(), now).compareTo(maxAge) <= 0;
    boolean healthy = fresh && status.healthy();
    body.put("status", healthy ? "UP" : fresh ? "DOWN" : "STALE");
    body.put("checkedAt", status.takenAt().toString());
    body.put("businessDay", status.businessDay().toString());
    body.put("database", check(status.database()));
    body.put("broker", check(status.broker()));
    HqStatus.BrokerView view = status.brokerView();
    body.put(
        "brokerAdminView",
        check(view.available() ? HqStatus.Check.ok() : HqStatus.Check.failed(view.detail())));
    return new Health(healthy, write(body));
  }

  private static Map<String, Object> check(HqStatus.Check check) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("up", check.up());
    if (check.detail() != null) {
      out.put("detail", check.detail());
    }
    return out;
  }

  private static String write(Map<String, Object> body) {
    try {
      return JSON.writeValueAsString(body) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a map of strings and booleans always serialises", e);
    }
  }
}
