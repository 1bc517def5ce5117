package io.outpost.hq.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.hq.core.DayReport;
import io.outpost.hq.ops.HqStatus;
import io.outpost.hq.ops.QuarantinedMessage;
import io.outpost.hq.ops.QueueFacts;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusPageTest {

  static final Instant NOW = Instant.parse("2026-03-14T18:00:00Z");
  private static final String HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(2)>";

  private final StatusPage page = new StatusPage(ZoneOffset.UTC, Duration.ofSeconds(10));

  @Test
  void render_hostileTextFromTheWire_isEscaped() {
    String html = page.render(status(brokerView(HOSTILE)));

    assertThat(html)
        .doesNotContain("<script>alert")
        .doesNotContain("<img")
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;");
  }

  @Test
  void render_outletsTotalsGapsQueuesAndCertificates_allShown() {
    String html = page.render(status(brokerView("outlet-b")));

    assertThat(html)
        .contains("<tr id=\"outlet-outlet-a\" class=\"outlet\" data-state=\"amended\">")
        .contains("amended 1&times;")
        .contains("<tr id=\"outlet-outlet-c\" class=\"outlet\" data-state=\"missing\">")
        .contains("1 of 2 outlet(s) closed; 1 missing")
        .contains("EUR 120.00")
        .contains("JPY 500")
        .contains("missing sequence 3")
        .contains("<code>outpost.closings</code>")
        .contains("3 min")
        .contains("UNKNOWN_SENDER 1")
        .contains("<span class=\"pill warn\">12</span>")
        .contains("<script src=\"/refresh.js\" defer></script>")
        .contains("data-refresh-seconds=\"10\"");
  }

  @Test
  void render_withoutAdminLogin_saysWhyQueuesAndQuarantineAreMissing() {
    String html =
        page.render(status(HqStatus.BrokerView.unavailable("no admin login: set admin.user")));

    assertThat(html).contains("Not available: no admin login: set admin.user");
    assertThat(html).doesNotContain("<code>outpost.closings</code>");
  }

  @Test
  void render_databaseDown_saysSoInTheHeader() {
    HqStatus up = status(brokerView("x"));
    HqStatus down =
        new HqStatus(
            up.takenAt(),
            up.businessDay(),
            HqStatus.Check.failed("database jdbc:h2:x failed"),
            up.broker(),
            up.outlets(),
            up.totals(),
            up.anomalies(),
            0,
            0,
            up.certificates(),
            up.brokerView());

    assertThat(page.render(down))
        .contains(
            "<li id=\"check-database\" class=\"pill bad\" title=\"database jdbc:h2:x failed\">")
        .contains("Database unavailable: database jdbc:h2:x failed");
  }

  static HqStatus status(HqStatus.BrokerView view) {
    return new HqStatus(
        NOW,
        LocalDate.of(2026, 3, 14),
        HqStatus.Check.ok(),
        HqStatus.Check.ok(),
        List.of(
            new HqStatus.OutletRow(
                "outlet-a",
                HqStatus.OutletRow.State.AMENDED,
                2L,
                1,
                "EUR",
                12_000L,
                NOW.minus(Duration.ofHours(2)),
                1L),
            new HqStatus.OutletRow(
                "outlet-c", HqStatus.OutletRow.State.MISSING, null, 0, null, null, null, null)),
        Map.of("EUR", 12_000L, "JPY", 500L),
        List.of(
            new DayReport.Anomaly("outlet-a", DayReport.Anomaly.Kind.GAP, "missing sequence 3")),
        0,
        0,
        List.of(
            new HqStatus.CertificateRow(
                "outlet-a", false, "ab".repeat(32), NOW.plus(Duration.ofDays(12)), false)),
        view);
  }

  static HqStatus.BrokerView brokerView(String claimedFrom) {
    return new HqStatus.BrokerView(
        null,
        List.of(new QueueFacts("outpost.closings", 4, 1, 1, 200_000L)),
        Map.of("UNKNOWN_SENDER", 1L),
        List.of(
            new QuarantinedMessage(
                "9440e457-e9bc-11f1-a685-02fc00000001",
                NOW,
                "UNKNOWN_SENDER",
                "signed by " + claimedFrom,
                "closing",
                claimedFrom,
                "outlet-b",
                "7569382c-5abc-4d42-9592-a209d97ad142",
                4316,
                "00".repeat(32),
                Map.of())),
        Map.of("outlet-a", 1L));
  }
}
