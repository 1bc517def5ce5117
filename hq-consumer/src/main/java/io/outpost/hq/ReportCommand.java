package io.outpost.hq;

import io.outpost.hq.core.ClosingArchive;
import io.outpost.hq.core.DayReport;
import io.outpost.hq.core.StoredClosing;
import io.outpost.hq.jdbc.Database;
import io.outpost.keystore.PinnedCertificate;
import io.outpost.keystore.TrustStore;
import java.io.PrintStream;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code hq report --date D}: each outlet's totals for a business day, the outlets that have not
 * closed it, and the gaps and forks in the outlets' chains of closings.
 */
@Command(
    name = "report",
    description =
        "Per-outlet totals for a business day, the outlets that have not closed it, and any"
            + " sequence gaps or forks.")
final class ReportCommand implements Callable<Integer> {

  private final Session session;

  @Mixin ConfigOption config;

  @Option(
      names = "--date",
      required = true,
      paramLabel = "D",
      description = "The business day, as YYYY-MM-DD.")
  LocalDate date;

  ReportCommand(Session session) {
    this.session = session;
  }

  @Override
  public Integer call() throws Exception {
    HqConfig settings = config.load(session.env());
    TrustStore trust = Wiring.trust(settings.keyDir());
    DayReport report;
    try (Database database = Wiring.openDatabase(settings)) {
      ClosingArchive archive = database.archive();
      Set<String> expected = new TreeSet<>();
      for (PinnedCertificate pin : trust.all()) {
        if (!pin.revoked()) {
          expected.add(pin.peerId());
        }
      }
      report = DayReport.of(date, expected, archive.forDay(date), archive.chains());
    }
    print(report, session.out());
    return HqCli.OK;
  }

  static void print(DayReport report, PrintStream out) {
    out.println("Business day " + report.businessDate());
    out.println();
    out.println("Closed: " + report.closed().size() + " outlet(s)");
    Map<String, Long> totals = new TreeMap<>();
    for (DayReport.OutletDay day : report.closed()) {
      StoredClosing c = day.counted();
      totals.merge(c.currency(), c.total(), Long::sum);
      out.printf(
          "  %-20s %s %14s  sequence %-6d %s%s%n",
          day.outletId(),
          c.currency(),
          Money.format(c.total(), c.currency()),
          c.sequence(),
          c.messageId(),
          day.amendments() == 0 ? "" : "  (" + day.amendments() + " amendment(s))");
    }
    for (Map.Entry<String, Long> total : totals.entrySet()) {
      out.printf(
          "  %-20s %s %14s%n",
          "total", total.getKey(), Money.format(total.getValue(), total.getKey()));
    }
    out.println();
    out.println(
        "Not closed: "
            + (report.notClosed().isEmpty() ? "none" : report.notClosed().size() + " outlet(s)"));
    for (String outlet : report.notClosed()) {
      out.println("  " + outlet);
    }
    out.println();
    out.println(
        "Gaps and forks: " + (report.anomalies().isEmpty() ? "none" : report.anomalies().size()));
    for (DayReport.Anomaly anomaly : report.anomalies()) {
      out.printf("  %-4s %-20s %s%n", anomaly.kind(), anomaly.outletId(), anomaly.description());
    }
  }
}
