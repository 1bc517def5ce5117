package io.outpost.hq;

import static io.outpost.hq.PrometheusText.sample;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outpost.message.Addresses;
import io.outpost.message.payload.Closing;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * HQ's status port against a running service (in-JVM broker, H2, real crypto): {@code /health},
 * {@code /metrics} before and after an ingest and a quarantine, the page, and the HTTP rules.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HqStatusPortTest {

  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;

  private static LiveHq live;

  @BeforeAll
  static void start() throws Exception {
    live = LiveHq.start(dir, Duration.ofMillis(300));
  }

  @AfterAll
  static void stop() throws Exception {
    live.close();
  }

  @Test
  @Order(1)
  void health_brokerAndDatabaseUp_answers200WithJson() throws Exception {
    HttpResponse<String> response = live.get("/health");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    JsonNode health = JSON.readTree(response.body());
    assertThat(health.get("status").asText()).isEqualTo("UP");
    assertThat(health.at("/database/up").asBoolean()).isTrue();
    assertThat(health.at("/broker/up").asBoolean()).isTrue();
    assertThat(health.at("/brokerAdminView/up").asBoolean()).isTrue();
    assertThat(health.get("businessDay").asText()).isEqualTo(LiveHq.today().toString());
  }

  @Test
  @Order(2)
  void metrics_ingestAndQuarantine_countersAndBusinessGaugesChange() throws Exception {
    String before = live.get("/metrics").body();
    assertThat(sample(before, "outpost_closings_ingested_total")).isEqualTo(0.0);
    assertThat(sample(before, "outpost_broker_up")).isEqualTo(1.0);
    assertThat(sample(before, "outpost_database_up")).isEqualTo(1.0);
    assertThat(sample(before, "outpost_outlet_closed_today", "outlet", "outlet-a")).isEqualTo(0.0);
    assertThat(sample(before, "outpost_outlets_not_closed_today")).isEqualTo(2.0);
    assertThat(sample(before, "outpost_outlet_last_seen_days", "outlet", "outlet-a")).isNaN();
    assertThat(sample(before, "outpost_quarantined_total", "reason", "UNKNOWN_SENDER")).isNull();

    Closing closing = live.closeTodayAtA();
    live.closeTodayAtUnpinnedB();

    Eventually.await(
        "the ingest and the quarantine in the metrics",
        WAIT,
        () -> {
          String m = live.get("/metrics").body();
          return Double.valueOf(1.0).equals(sample(m, "outpost_closings_ingested_total"))
              && Double.valueOf(1.0)
                  .equals(sample(m, "outpost_outlet_closed_today", "outlet", "outlet-a"))
              && Double.valueOf(1.0)
                  .equals(sample(m, "outpost_quarantine_messages", "reason", "UNKNOWN_SENDER"))
              && Double.valueOf(0.0).equals(sample(m, "outpost_closings_awaiting_receipt"))
              && Double.valueOf(1.0)
                  .equals(sample(m, "outpost_receipts_uncollected", "outlet", "outlet-a"));
        });
    String after = live.get("/metrics").body();
    assertThat(
            sample(
                after, "outpost_quarantined_total", "reason", "UNKNOWN_SENDER", "type", "closing"))
        .isEqualTo(1.0);
    assertThat(sample(after, "outpost_outlets_not_closed_today")).isEqualTo(1.0);
    assertThat(sample(after, "outpost_outlet_closed_today", "outlet", LiveHq.NEVER_SEEN))
        .isEqualTo(0.0);
    assertThat(sample(after, "outpost_outlet_last_seen_days", "outlet", "outlet-a")).isEqualTo(0.0);
    assertThat(sample(after, "outpost_ingest_latency_seconds_count")).isGreaterThanOrEqualTo(1.0);
    assertThat(sample(after, "outpost_redelivered_total", "queue", Addresses.CLOSINGS))
        .isEqualTo(0.0);
    assertThat(
            sample(after, "outpost_queue_messages", "queue", Addresses.inbox(TestBroker.OUTLET_A)))
        .isEqualTo(1.0);
    assertThat(sample(after, "outpost_queue_consumers", "queue", Addresses.CLOSINGS))
        .isEqualTo(1.0);
    assertThat(sample(after, "outpost_certificate_expiry_days", "peer", "hq", "kind", "own"))
        .isBetween(360.0, 366.0);
    assertThat(sample(after, "outpost_certificates_expiring")).isEqualTo(0.0);
    assertThat(sample(after, "outpost_sequence_anomalies", "kind", "gap")).isEqualTo(0.0);
    // Never a sales figure: neither the total nor any line amount appears anywhere.
    assertThat(after).doesNotContain("20730").doesNotContain("207.3").doesNotContain("10000.0");
    assertThat(closing.total()).isEqualTo(20_730L);

    live.outletA.sendClosing(live.outletA.seal(closing), LiveHq.freshId());
    Eventually.await(
        "the duplicate in the metrics",
        WAIT,
        () ->
            Double.valueOf(1.0)
                .equals(sample(live.get("/metrics").body(), "outpost_closings_duplicates_total")));
  }

  @Test
  @Order(3)
  void page_afterIngest_showsOutletsTotalsQuarantineQueuesAndCertificates() throws Exception {
    Eventually.await(
        "outlet-a closed on the page",
        WAIT,
        () ->
            live.get("/")
                .body()
                .contains("id=\"outlet-outlet-a\" class=\"outlet\" data-state=\"closed\""));
    HttpResponse<String> page = live.get("/");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(page.body())
        .contains("<body data-refresh-seconds=\"1\">")
        .contains("<script src=\"/refresh.js\" defer></script>")
        .contains("<noscript><meta http-equiv=\"refresh\" content=\"1\"></noscript>")
        .contains("id=\"outlet-outlet-c\" class=\"outlet\" data-state=\"missing\"")
        .contains("1 of 2 outlet(s) closed; 1 missing")
        .contains("EUR 207.30")
        .contains("UNKNOWN_SENDER")
        .contains("<code>outpost.closings</code>")
        .contains("<code>outpost.quarantine</code>")
        .contains("<code>DLQ</code>")
        .contains("HQ's own")
        .doesNotContain("http://")
        .doesNotContain("https://");
  }

  @Test
  void everyResponse_carriesAStrictContentSecurityPolicyAndNoCaching() throws Exception {
    for (String path :
        new String[] {"/", "/style.css", "/refresh.js", "/health", "/metrics", "/nothing"}) {
      HttpResponse<String> response = live.get(path);
      assertThat(response.headers().firstValue("Content-Security-Policy"))
          .as(path)
          .hasValue(
              "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self';"
                  + " img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
      assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
      assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    }
  }

  @Test
  void styleSheet_isServedLocally() throws Exception {
    HttpResponse<String> css = live.get("/style.css");

    assertThat(css.statusCode()).isEqualTo(200);
    assertThat(css.headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
    assertThat(css.body()).contains("table").doesNotContain("url(").doesNotContain("@import");
  }

  @Test
  void refreshScript_isServedLocallyAndFetchesOnlyThePage() throws Exception {
    HttpResponse<String> script = live.get("/refresh.js");

    assertThat(script.statusCode()).isEqualTo(200);
    assertThat(script.headers().firstValue("Content-Type"))
        .hasValue("text/javascript; charset=utf-8");
    assertThat(script.body())
        .contains("fetch('/'")
        .doesNotContain("http:")
        .doesNotContain("https:")
        .doesNotContain("innerHTML")
        .doesNotContain("eval(");
  }

  @Test
  void unknownPath_answers404() throws Exception {
    assertThat(live.get("/admin").statusCode()).isEqualTo(404);
  }

  @Test
  void post_answers405ReadOnly() throws Exception {
    HttpResponse<String> response =
        live.send(
            HttpRequest.newBuilder(URI.create(live.url).resolve("/health"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")));

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Allow")).hasValue("GET, HEAD");
  }

  @Test
  void foreignHostHeader_isRefused() throws Exception {
    // What a page on another site sends after rebinding its own name to 127.0.0.1.
    URI uri = URI.create(live.url);
    String response;
    try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
      socket
          .getOutputStream()
          .write(
              ("GET / HTTP/1.1\r\nHost: attacker.example:"
                      + uri.getPort()
                      + "\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    assertThat(response).startsWith("HTTP/1.1 421").doesNotContain("outlet");
  }
}
