package io.outpost.hq.ops;

import io.outpost.hq.core.HqException;
import io.outpost.message.Addresses;
import io.outpost.message.WireProperties;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The broker as the admin login sees it, for the status: queue facts, the quarantine and the
 * receipts waiting in inboxes. Read-only: management attributes, counting operations and browsing.
 * Connections are kept between refreshes and opened again after a failure.
 */
final class BrokerWatch implements AutoCloseable {

  /** How many quarantined messages the status lists (all are counted). */
  static final int QUARANTINE_PAGE = 50;

  private static final String RECEIPTS =
      WireProperties.TYPE + " = '" + WireProperties.TYPE_RECEIPT + "'";

  private final BrokerLogin admin;
  private BrokerManagement management;
  private QuarantineQueue quarantine;

  BrokerWatch(BrokerLogin admin) {
    this.admin = admin;
  }

  synchronized HqStatus.BrokerView view(Collection<String> outletIds) {
    try {
      if (management == null) {
        management = BrokerManagement.open(admin);
      }
      if (quarantine == null) {
        quarantine = QuarantineQueue.open(admin);
      }
      List<QueueFacts> queues = management.outpostQueues();
      Set<String> names = queues.stream().map(QueueFacts::name).collect(Collectors.toSet());
      Map<String, Long> byReason =
          names.contains(Addresses.QUARANTINE)
              ? management.countMessagesBy(Addresses.QUARANTINE, WireProperties.REASON)
              : Map.of();
      Map<String, Long> receipts = new LinkedHashMap<>();
      for (String outlet : outletIds) {
        String inbox = Addresses.inbox(outlet);
        if (names.contains(inbox)) {
          receipts.put(outlet, management.countMessages(inbox, RECEIPTS));
        }
      }
      return new HqStatus.BrokerView(
          null, queues, byReason, quarantine.list(QUARANTINE_PAGE), receipts);
    } catch (HqException e) {
      close();
      return HqStatus.BrokerView.unavailable(e.getMessage());
    }
  }

  @Override
  public synchronized void close() {
    if (management != null) {
      management.close();
      management = null;
    }
    if (quarantine != null) {
      quarantine.close();
      quarantine = null;
    }
  }
}
