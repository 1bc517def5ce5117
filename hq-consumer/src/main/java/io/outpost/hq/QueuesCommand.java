package io.outpost.hq;

import io.outpost.hq.ops.BrokerManagement;
import io.outpost.hq.ops.QueueFacts;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code hq queues}: Outpost's queues, the quarantine and the dead-letter queues, from the broker's
 * management with the admin login.
 */
@Command(
    name = "queues",
    description = {
      "Depth, messages in flight, consumers and oldest message age of Outpost's queues, the",
      "quarantine, DLQ and ExpiryQueue, from the broker's management (needs the admin login:",
      "admin.user and admin.password-file)."
    })
final class QueuesCommand implements Callable<Integer> {

  private final Session session;

  @Mixin ConfigOption config;

  QueuesCommand(Session session) {
    this.session = session;
  }

  @Override
  public Integer call() throws Exception {
    HqConfig settings = config.load(session.env());
    List<QueueFacts> queues;
    try (BrokerManagement management =
        BrokerManagement.open(Wiring.requireAdminLogin(settings, "hq queues"))) {
      queues = management.outpostQueues();
    }
    print(queues, session.out());
    return HqCli.OK;
  }

  static void print(List<QueueFacts> queues, PrintStream out) {
    int width = "QUEUE".length();
    for (QueueFacts queue : queues) {
      width = Math.max(width, queue.name().length());
    }
    String format = "%-" + width + "s  %9s  %9s  %9s  %s%n";
    out.printf(format, "QUEUE", "MESSAGES", "IN FLIGHT", "CONSUMERS", "OLDEST");
    for (QueueFacts queue : queues) {
      out.printf(
          format,
          queue.name(),
          queue.messages(),
          queue.delivering(),
          queue.consumers(),
          queue.oldestAgeMillis() == null ? "-" : queue.oldestAge());
    }
  }
}
