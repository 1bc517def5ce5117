package io.outpost.outlet;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Everything in the outbox at one moment: usable entries in sequence order, and problems. */
public record OutboxScan(List<OutboxEntry> entries, List<OutboxProblem> problems) {

  public OutboxScan {
    entries = entries.stream().sorted(Comparator.comparingLong(OutboxEntry::sequence)).toList();
    problems = List.copyOf(problems);
  }

  public List<OutboxEntry> inState(EntryState state) {
    return entries.stream().filter(e -> e.state() == state).toList();
  }

  public long count(EntryState state) {
    return entries.stream().filter(e -> e.state() == state).count();
  }

  public Optional<OutboxEntry> find(UUID messageId) {
    return entries.stream().filter(e -> e.messageId().equals(messageId)).findFirst();
  }

  public List<OutboxEntry> forBusinessDate(LocalDate date) {
    return entries.stream().filter(e -> e.meta().businessDate().equals(date)).toList();
  }

  /** The entry with the highest sequence, if the outbox has any usable entry. */
  public Optional<OutboxEntry> last() {
    return entries.isEmpty() ? Optional.empty() : Optional.of(entries.get(entries.size() - 1));
  }

  /**
   * The link for the next closing, after the highest sequence in the outbox.
   *
   * @throws OutletException OUTBOX_CORRUPT when the entry at the head cannot be read, since its
   *     digest is the one to chain to
   */
  public ChainLink nextLink() throws OutletException {
    Optional<OutboxProblem> head = problemAtHead();
    if (head.isPresent()) {
      throw new OutletException(
          OutletException.Reason.OUTBOX_CORRUPT,
          head.get().describe() + " (the next closing chains to it, so repair it first)");
    }
    return last()
        .map(e -> new ChainLink(e.sequence() + 1, e.meta().contentDigest()))
        .orElse(ChainLink.FIRST);
  }

  /**
   * A problem whose sequence is at or above every usable entry's: the chain of digests cannot be
   * continued past it until it is repaired.
   */
  public Optional<OutboxProblem> problemAtHead() {
    long lastSequence = last().map(OutboxEntry::sequence).orElse(0L);
    return problems.stream()
        .filter(p -> p.sequence() > 0 && p.sequence() >= lastSequence)
        .max(Comparator.comparingLong(OutboxProblem::sequence));
  }
}
