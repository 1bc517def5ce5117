package io.outpost.hq.web;

import static io.outpost.hq.web.Html.escape;

import io.outpost.hq.core.DayReport;
import io.outpost.hq.ops.HqStatus;
import io.outpost.hq.ops.QuarantinedMessage;
import io.outpost.hq.ops.QueueFacts;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.Map;

/**
 * HQ's status page: plain HTML with the stylesheet at {@code /style.css} and a small script at
 * {@code /refresh.js} that fetches the page again every refresh period (a meta refresh stands in
 * where scripts are off); every value escaped, no asset from elsewhere. It shows today's totals
 * (this is HQ's own view); nothing of it is logged.
 */
final class StatusPage {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private final ZoneId zone;
  private final long refreshSeconds;

  StatusPage(ZoneId zone, Duration refresh) {
    this.zone = zone;
    this.refreshSeconds = Math.max(1, refresh.toSeconds());
  }

  String render(HqStatus s) {
    StringBuilder html = new StringBuilder(8192);
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<noscript><meta http-equiv=\"refresh\" content=\"")
        .append(refreshSeconds)
        .append("\"></noscript>\n")
        .append("<title>Outpost HQ - ")
        .append(s.businessDay())
        .append("</title>\n<link rel=\"stylesheet\" href=\"/style.css\">\n")
        .append("<script src=\"/refresh.js\" defer></script>\n</head>\n")
        .append("<body data-refresh-seconds=\"")
        .append(refreshSeconds)
        .append("\">\n");
    header(html, s);
    html.append("<main>\n");
    closings(html, s);
    anomalies(html, s);
    receipts(html, s);
    quarantine(html, s);
    queues(html, s);
    certificates(html, s);
    html.append("</main>\n</body>\n</html>\n");
    return html.toString();
  }

  private void header(StringBuilder html, HqStatus s) {
    html.append(
            "<header>\n<h1>Outpost HQ</h1>\n<span class=\"meta\">Business day <strong id=\"day\">")
        .append(s.businessDay())
        .append("</strong> &middot; updated <span id=\"updated\">")
        .append(TIME.format(s.takenAt().atZone(zone)))
        .append("</span> ")
        .append(escape(zone.getId()))
        .append(" &middot; refreshes every ")
        .append(refreshSeconds)
        .append(" s<span id=\"refresh-state\"></span></span>\n<ul class=\"checks\">");
    check(html, "database", "Database", s.database());
    check(html, "broker", "Broker", s.broker());
    html.append("</ul>\n</header>\n");
  }

  private static void check(StringBuilder html, String id, String name, HqStatus.Check check) {
    html.append("<li id=\"check-")
        .append(id)
        .append("\" class=\"pill ")
        .append(check.up() ? "ok" : "bad")
        .append("\"");
    if (!check.up()) {
      html.append(" title=\"").append(escape(check.detail())).append("\"");
    }
    html.append(">").append(name).append(check.up() ? " up" : " down").append("</li>");
  }

  private void closings(StringBuilder html, HqStatus s) {
    long closed = s.outlets().size() - s.notClosed().size();
    html.append("<section id=\"closings\" class=\"wide\">\n<h2>Today's closings</h2>\n");
    if (!s.database().up()) {
      html.append("<p class=\"pill bad\">Database unavailable: ")
          .append(escape(s.database().detail()))
          .append("</p>\n");
    }
    html.append("<p id=\"closings-summary\">")
        .append(closed)
        .append(" of ")
        .append(s.outlets().size())
        .append(" outlet(s) closed; ")
        .append(s.notClosed().size())
        .append(" missing</p>\n");
    html.append(
        "<table>\n<thead><tr><th>Outlet</th><th>Today</th><th class=\"num\">Sequence</th>"
            + "<th class=\"num\">Total</th><th>Last seen</th>"
            + "<th class=\"num\">Receipts not collected</th></tr></thead>\n<tbody>\n");
    for (HqStatus.OutletRow outlet : s.outlets()) {
      html.append("<tr id=\"outlet-")
          .append(escape(outlet.id()))
          .append("\" class=\"outlet\" data-state=\"")
          .append(outlet.state().name().toLowerCase(java.util.Locale.ROOT))
          .append("\"><td>")
          .append(escape(outlet.id()))
          .append("</td><td>")
          .append(state(outlet))
          .append("</td><td class=\"num\">")
          .append(outlet.sequence() == null ? "" : outlet.sequence())
          .append("</td><td class=\"num\">")
          .append(outlet.total() == null ? "" : money(outlet.total(), outlet.currency()))
          .append("</td><td>")
          .append(lastSeen(outlet, s.takenAt()))
          .append("</td><td class=\"num\">")
          .append(outlet.receiptsUncollected() == null ? "" : outlet.receiptsUncollected())
          .append("</td></tr>\n");
    }
    html.append("</tbody>\n<tfoot>\n");
    for (Map.Entry<String, Long> total : s.totals().entrySet()) {
      html.append("<tr class=\"total\"><th colspan=\"3\">Total</th><td class=\"num\">")
          .append(money(total.getValue(), total.getKey()))
          .append("</td><td colspan=\"2\"></td></tr>\n");
    }
    html.append("</tfoot>\n</table>\n</section>\n");
  }

  private static String state(HqStatus.OutletRow outlet) {
    return switch (outlet.state()) {
      case CLOSED -> "<span class=\"pill ok\">closed</span>";
      case AMENDED ->
          "<span class=\"pill ok\">closed</span> <span class=\"pill warn\">amended "
              + outlet.amendments()
              + "&times;</span>";
      case MISSING -> "<span class=\"pill bad\">missing</span>";
    };
  }

  private String lastSeen(HqStatus.OutletRow outlet, Instant now) {
    Long days = outlet.daysSinceSeen(now);
    if (days == null) {
      return "<span class=\"muted\">never</span>";
    }
    String when = DATE_TIME.format(outlet.lastSeen().atZone(zone));
    return escape(when)
        + (days == 0
            ? ""
            : " <span class=\""
                + (days > 1 ? "pill warn" : "muted")
                + "\">"
                + days
                + " day(s) ago</span>");
  }

  private static void anomalies(StringBuilder html, HqStatus s) {
    html.append("<section id=\"anomalies\">\n<h2>Sequence gaps and forks</h2>\n");
    if (s.anomalies().isEmpty()) {
      html.append("<p class=\"muted\">None.</p>\n");
    } else {
      html.append(
          "<table>\n<thead><tr><th>Outlet</th><th>Kind</th><th>What</th></tr></thead>\n<tbody>\n");
      for (DayReport.Anomaly anomaly : s.anomalies()) {
        html.append("<tr><td>")
            .append(escape(anomaly.outletId()))
            .append("</td><td><span class=\"pill bad\">")
            .append(anomaly.kind())
            .append("</span></td><td class=\"detail\">")
            .append(escape(anomaly.description()))
            .append("</td></tr>\n");
      }
      html.append("</tbody>\n</table>\n");
    }
    html.append("</section>\n");
  }

  private static void receipts(StringBuilder html, HqStatus s) {
    html.append("<section id=\"receipts\">\n<h2>Receipts</h2>\n<table><tbody>\n")
        .append("<tr><td>Closings awaiting a receipt</td><td class=\"num\" id=\"awaiting\">")
        .append(s.closingsAwaitingReceipt())
        .append("</td></tr>\n<tr><td>Receipts signed, not yet accepted by the broker</td>")
        .append("<td class=\"num\" id=\"unsent\">")
        .append(s.receiptsUnsent())
        .append("</td></tr>\n<tr><td>Receipts waiting in outlets' inboxes</td><td class=\"num\">");
    if (s.brokerView().available()) {
      html.append(
          s.brokerView().receiptsWaiting().values().stream().mapToLong(Long::longValue).sum());
    } else {
      html.append("<span class=\"muted\">unknown</span>");
    }
    html.append("</td></tr>\n</tbody></table>\n</section>\n");
  }

  private void quarantine(StringBuilder html, HqStatus s) {
    HqStatus.BrokerView view = s.brokerView();
    html.append("<section id=\"quarantine\" class=\"wide\">\n<h2>Quarantine</h2>\n");
    if (!view.available()) {
      unavailable(html, view);
      html.append("</section>\n");
      return;
    }
    long total = view.quarantineByReason().values().stream().mapToLong(Long::longValue).sum();
    html.append("<p id=\"quarantine-summary\">").append(total).append(" message(s)");
    for (Map.Entry<String, Long> reason : view.quarantineByReason().entrySet()) {
      html.append(" &middot; <span class=\"pill bad\">")
          .append(escape(reason.getKey()))
          .append(" ")
          .append(reason.getValue())
          .append("</span>");
    }
    html.append("</p>\n");
    if (!view.quarantine().isEmpty()) {
      html.append(
          "<table>\n<thead><tr><th>Id</th><th>Quarantined</th><th>Reason</th>"
              + "<th>Claimed sender</th><th>Validated user</th><th class=\"num\">Bytes</th>"
              + "<th>Detail</th></tr></thead>\n<tbody>\n");
      for (QuarantinedMessage m : view.quarantine()) {
        html.append("<tr class=\"quarantined\"><td><code>")
            .append(escape(m.id()))
            .append("</code></td><td>")
            .append(escape(DATE_TIME.format(m.quarantinedAt().atZone(zone))))
            .append("</td><td>")
            .append(escape(m.reason()))
            .append("</td><td>")
            .append(escape(m.claimedFrom()))
            .append("</td><td>")
            .append(escape(m.brokerUser()))
            .append("</td><td class=\"num\">")
            .append(m.size())
            .append("</td><td class=\"detail\">")
            .append(escape(m.detail()))
            .append("</td></tr>\n");
      }
      html.append("</tbody>\n</table>\n");
      if (total > view.quarantine().size()) {
        html.append("<p class=\"muted\">The oldest ")
            .append(view.quarantine().size())
            .append(" are shown; 'hq quarantine list' shows all.</p>\n");
      }
    }
    html.append("</section>\n");
  }

  private static void queues(StringBuilder html, HqStatus s) {
    HqStatus.BrokerView view = s.brokerView();
    html.append("<section id=\"queues\">\n<h2>Queues</h2>\n");
    if (!view.available()) {
      unavailable(html, view);
    } else {
      html.append(
          "<table>\n<thead><tr><th>Queue</th><th class=\"num\">Messages</th>"
              + "<th class=\"num\">In flight</th><th class=\"num\">Consumers</th>"
              + "<th class=\"num\">Oldest</th></tr></thead>\n<tbody>\n");
      for (QueueFacts queue : view.queues()) {
        html.append("<tr><td><code>")
            .append(escape(queue.name()))
            .append("</code></td><td class=\"num\">")
            .append(queue.messages())
            .append("</td><td class=\"num\">")
            .append(queue.delivering())
            .append("</td><td class=\"num\">")
            .append(queue.consumers())
            .append("</td><td class=\"num\">")
            .append(queue.oldestAge())
            .append("</td></tr>\n");
      }
      html.append("</tbody>\n</table>\n");
    }
    html.append("</section>\n");
  }

  private void certificates(StringBuilder html, HqStatus s) {
    html.append("<section id=\"certificates\" class=\"wide\">\n<h2>Certificates</h2>\n")
        .append(
            "<table>\n<thead><tr><th>Party</th><th>Kind</th><th>Fingerprint (SHA-256)</th>"
                + "<th>Expires</th><th class=\"num\">Days left</th></tr></thead>\n<tbody>\n");
    for (HqStatus.CertificateRow c : s.certificates()) {
      long days = c.daysLeft(s.takenAt());
      String flag =
          c.revoked()
              ? "<span class=\"pill muted\">revoked</span>"
              : days < 0
                  ? "<span class=\"pill bad\">expired</span>"
                  : days < HqStatus.EXPIRY_WARNING_DAYS
                      ? "<span class=\"pill warn\">" + days + "</span>"
                      : String.valueOf(days);
      html.append("<tr><td>")
          .append(escape(c.peer()))
          .append("</td><td>")
          .append(c.own() ? "HQ's own" : "pinned")
          .append("</td><td><code>")
          .append(escape(c.fingerprint().substring(0, 16)))
          .append("&hellip;</code></td><td>")
          .append(escape(DATE_TIME.format(c.notAfter().atZone(zone))))
          .append("</td><td class=\"num\">")
          .append(flag)
          .append("</td></tr>\n");
    }
    html.append("</tbody>\n</table>\n</section>\n");
  }

  private static void unavailable(StringBuilder html, HqStatus.BrokerView view) {
    html.append("<p class=\"muted\">Not available: ")
        .append(escape(view.detail()))
        .append("</p>\n");
  }

  static String money(long minorUnits, String currency) {
    int digits;
    try {
      digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
    } catch (IllegalArgumentException | NullPointerException e) {
      digits = 2;
    }
    return escape(currency) + " " + BigDecimal.valueOf(minorUnits, digits).toPlainString();
  }
}
