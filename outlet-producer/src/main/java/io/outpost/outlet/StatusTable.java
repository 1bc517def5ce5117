package io.outpost.outlet;

import java.io.PrintStream;
import java.time.Instant;

/** Prints the outbox for people: counts per state, then one line per entry. */
final class StatusTable {

  private StatusTable() {}

  static void print(OutboxScan scan, String location, Instant now, PrintStream out) {
    out.printf(
        "outbox %s: %d pending, %d sent, %d acknowledged, %d rejected%s%n",
        location,
        scan.count(EntryState.PENDING),
        scan.count(EntryState.SENT),
        scan.count(EntryState.ACKNOWLEDGED),
        scan.count(EntryState.REJECTED),
        scan.problems().isEmpty() ? "" : ", " + scan.problems().size() + " unreadable");
    if (scan.entries().isEmpty()) {
      return;
    }
    out.printf(
        "%10s  %-13s  %-12s  %8s  %8s  %-36s  %s%n",
        "SEQUENCE", "BUSINESS DATE", "STATE", "AGE", "SINCE", "MESSAGE ID", "NOTE");
    for (OutboxEntry entry : scan.entries()) {
      StringBuilder note = new StringBuilder();
      if (entry.meta().amends() != null) {
        note.append("amends ").append(entry.meta().amends());
      }
      if (entry.rejectReason() != null) {
        note.append(note.length() == 0 ? "" : "; ")
            .append("rejected: ")
            .append(entry.rejectReason());
      }
      out.println(
          String.format(
                  "%10d  %-13s  %-12s  %8s  %8s  %-36s  %s",
                  entry.sequence(),
                  entry.meta().businessDate(),
                  entry.state(),
                  Ages.format(entry.age(now)),
                  entry.since() == null
                      ? "-"
                      : Ages.format(java.time.Duration.between(entry.since(), now)),
                  entry.messageId(),
                  note)
              .stripTrailing());
    }
  }
}
