package io.outpost.hq.core;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * One business day seen from HQ: each outlet's closing for it (the last amendment counts), the
 * outlets that have not closed it, and every gap and fork in the outlets' chains of closings.
 */
public record DayReport(
    LocalDate businessDate,
    List<OutletDay> closed,
    List<String> notClosed,
    List<Anomaly> anomalies) {

  public DayReport {
    Objects.requireNonNull(businessDate, "businessDate");
    closed = List.copyOf(closed);
    notClosed = List.copyOf(notClosed);
    anomalies = List.copyOf(anomalies);
  }

  /** An outlet's closing that counts for the day, and how many amendments led to it. */
  public record OutletDay(String outletId, StoredClosing counted, int amendments) {}

  /** A break in an outlet's chain of closings. */
  public record Anomaly(String outletId, Kind kind, String description) {

    /** Gap: sequence numbers missing. Fork: two closings claim the same place in the chain. */
    public enum Kind {
      GAP,
      FORK
    }
  }

  /**
   * Builds the report.
   *
   * @param expectedOutlets every outlet that should close each day (those pinned in the trust
   *     store)
   * @param dayClosings every closing stored for the day
   * @param chains every stored closing, ordered by outlet and sequence
   */
  public static DayReport of(
      LocalDate businessDate,
      Collection<String> expectedOutlets,
      List<StoredClosing> dayClosings,
      List<StoredClosing> chains) {
    Map<String, List<StoredClosing>> byOutlet = group(dayClosings);
    List<OutletDay> closed = new ArrayList<>();
    for (Map.Entry<String, List<StoredClosing>> entry : byOutlet.entrySet()) {
      List<StoredClosing> closings = entry.getValue();
      closed.add(new OutletDay(entry.getKey(), counted(closings), closings.size() - 1));
    }
    Set<String> notClosed = new TreeSet<>(expectedOutlets);
    notClosed.removeAll(byOutlet.keySet());
    List<Anomaly> anomalies = new ArrayList<>();
    for (Map.Entry<String, List<StoredClosing>> entry : group(chains).entrySet()) {
      anomalies.addAll(chainAnomalies(entry.getKey(), entry.getValue()));
    }
    return new DayReport(businessDate, closed, List.copyOf(notClosed), anomalies);
  }

  /** The closing no other amends; of several such, the latest in sequence. */
  private static StoredClosing counted(List<StoredClosing> closings) {
    Set<UUID> amended = new HashSet<>();
    for (StoredClosing closing : closings) {
      if (closing.amends() != null) {
        amended.add(closing.amends());
      }
    }
    StoredClosing counted = null;
    for (StoredClosing closing : closings) {
      if (!amended.contains(closing.messageId())
          && (counted == null || closing.sequence() >= counted.sequence())) {
        counted = closing;
      }
    }
    return counted == null ? closings.get(closings.size() - 1) : counted;
  }

  /** Closings of one outlet in sequence order: report missing numbers and broken links. */
  static List<Anomaly> chainAnomalies(String outletId, List<StoredClosing> chain) {
    List<Anomaly> anomalies = new ArrayList<>();
    long expected = 1;
    StoredClosing previous = null;
    for (StoredClosing closing : chain) {
      long sequence = closing.sequence();
      if (previous != null && previous.sequence() == sequence) {
        anomalies.add(
            new Anomaly(
                outletId,
                Anomaly.Kind.FORK,
                "sequence "
                    + sequence
                    + " used twice: "
                    + previous.messageId()
                    + " and "
                    + closing.messageId()));
        continue;
      }
      if (sequence > expected) {
        anomalies.add(
            new Anomaly(
                outletId,
                Anomaly.Kind.GAP,
                "missing sequence "
                    + (sequence - 1 == expected
                        ? String.valueOf(expected)
                        : expected + ".." + (sequence - 1))
                    + " before "
                    + closing.messageId()
                    + " ("
                    + closing.businessDate()
                    + ")"));
      } else if (previous != null
          && previous.sequence() == sequence - 1
          && !previous.contentDigest().equals(closing.previousDigest())) {
        anomalies.add(
            new Anomaly(
                outletId,
                Anomaly.Kind.FORK,
                "sequence "
                    + sequence
                    + " ("
                    + closing.messageId()
                    + ") does not follow sequence "
                    + previous.sequence()
                    + " ("
                    + previous.messageId()
                    + "): its previous digest "
                    + (closing.previousDigest() == null ? "is missing" : closing.previousDigest())
                    + ", expected "
                    + previous.contentDigest()));
      }
      expected = sequence + 1;
      previous = closing;
    }
    return anomalies;
  }

  private static Map<String, List<StoredClosing>> group(List<StoredClosing> closings) {
    Map<String, List<StoredClosing>> byOutlet = new LinkedHashMap<>();
    for (StoredClosing closing : closings) {
      byOutlet.computeIfAbsent(closing.outletId(), id -> new ArrayList<>()).add(closing);
    }
    return byOutlet;
  }
}
