package io.outpost.hq;

import static io.outpost.hq.ops.TerminalText.safe;

import io.outpost.hq.core.ClosingIngest;
import io.outpost.hq.core.Handled;
import io.outpost.hq.core.HqException;
import io.outpost.hq.core.SignedReceiptPublisher;
import io.outpost.hq.jdbc.Database;
import io.outpost.hq.keys.HqKeyring;
import io.outpost.hq.ops.BrokerLogin;
import io.outpost.hq.ops.InboxSender;
import io.outpost.hq.ops.QuarantineQueue;
import io.outpost.hq.ops.QuarantineRelease;
import io.outpost.hq.ops.QuarantinedMessage;
import io.outpost.message.Addresses;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code hq quarantine list|show|release|drop}: what HQ refused, seen and dealt with by an admin.
 * Every subcommand uses the broker's admin login (the only role that may read the quarantine).
 */
@Command(
    name = "quarantine",
    description = "List, show, release or drop messages HQ refused (needs the admin login).",
    synopsisSubcommandLabel = "COMMAND")
final class QuarantineCommand implements Callable<Integer> {

  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    throw new ParameterException(
        spec.commandLine(), "missing command: list, show, release or drop");
  }

  /** The command with its subcommands. */
  static CommandLine commandLine(Session session) {
    return new CommandLine(new QuarantineCommand())
        .addSubcommand(new ListCommand(session))
        .addSubcommand(new ShowCommand(session))
        .addSubcommand(new ReleaseCommand(session))
        .addSubcommand(new DropCommand(session));
  }

  private static QuarantineQueue open(HqConfig settings, String what) throws HqException {
    return QuarantineQueue.open(Wiring.requireAdminLogin(settings, what));
  }

  /** {@code hq quarantine list}. */
  @Command(
      name = "list",
      description = "Id, time, reason, claimed sender, validated user and size of each message.")
  static final class ListCommand implements Callable<Integer> {

    private final Session session;

    @Spec CommandLine.Model.CommandSpec spec;

    @Mixin ConfigOption config;

    @Option(
        names = "--limit",
        paramLabel = "N",
        defaultValue = "1000",
        description = "Show at most N messages, oldest first (default: ${DEFAULT-VALUE}).")
    int limit;

    ListCommand(Session session) {
      this.session = session;
    }

    @Override
    public Integer call() throws Exception {
      if (limit < 1) {
        throw new ParameterException(
            spec.commandLine(), "--limit must be at least 1, was " + limit);
      }
      List<QuarantinedMessage> messages;
      try (QuarantineQueue quarantine = open(config.load(session.env()), "hq quarantine list")) {
        messages = quarantine.list(limit);
      }
      PrintStream out = session.out();
      String format = "%-36s  %-20s  %-18s  %-20s  %-20s  %7s%n";
      out.printf(
          format, "ID", "QUARANTINED (UTC)", "REASON", "CLAIMED SENDER", "VALIDATED USER", "BYTES");
      for (QuarantinedMessage m : messages) {
        out.printf(
            format,
            m.id(),
            m.quarantinedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
            safe(m.reason()),
            safe(m.claimedFrom()),
            safe(m.brokerUser()),
            m.size());
      }
      out.println(messages.size() + " message(s)" + (messages.size() == limit ? " shown" : ""));
      return HqCli.OK;
    }
  }

  /** {@code hq quarantine show ID}. */
  @Command(
      name = "show",
      description = "Every property of one message, its size and digest; never its content.")
  static final class ShowCommand implements Callable<Integer> {

    private final Session session;

    @Mixin ConfigOption config;

    @Parameters(paramLabel = "ID", description = "The message's id, as 'list' shows it.")
    String id;

    ShowCommand(Session session) {
      this.session = session;
    }

    @Override
    public Integer call() throws Exception {
      String canonical = QuarantineQueue.canonicalId(id);
      QuarantinedMessage m;
      try (QuarantineQueue quarantine = open(config.load(session.env()), "hq quarantine show")) {
        m = quarantine.find(canonical).orElseThrow(() -> notFound(canonical)).message();
      }
      PrintStream out = session.out();
      out.println("id:             " + m.id());
      out.println("quarantined:    " + m.quarantinedAt());
      out.println("reason:         " + safe(m.reason()));
      out.println("detail:         " + safe(m.detail()));
      out.println("type:           " + safe(m.type()));
      out.println("claimed sender: " + safe(m.claimedFrom()));
      out.println("validated user: " + safe(m.brokerUser()));
      out.println("original id:    " + safe(m.originalId()));
      out.println("size:           " + m.size() + " bytes");
      out.println("sha256:         " + m.bodySha256());
      out.println("properties:");
      for (Map.Entry<String, String> property : m.properties().entrySet()) {
        out.println("  " + safe(property.getKey()) + " = " + safe(property.getValue()));
      }
      return HqCli.OK;
    }
  }

  /** {@code hq quarantine release ID}. */
  @Command(
      name = "release",
      description = {
        "Ingest a quarantined closing again, now (after pinning its outlet's certificate, say):",
        "stored and answered with a receipt if it verifies, and then gone from the quarantine;",
        "left where it is if it still fails. Uses HQ's keys (current, next and previous ones),",
        "database and broker login as well."
      })
  static final class ReleaseCommand implements Callable<Integer> {

    private final Session session;

    @Mixin ConfigOption config;

    @Parameters(paramLabel = "ID", description = "The message's id, as 'list' shows it.")
    String id;

    ReleaseCommand(Session session) {
      this.session = session;
    }

    @Override
    public Integer call() throws Exception {
      HqConfig settings = config.load(session.env());
      BrokerLogin admin = Wiring.requireAdminLogin(settings, "hq quarantine release");
      // Every key HQ holds, as 'hq serve' opens with: a closing sealed for HQ's previous key
      // before a rotation opens with previous/, one sealed for the next key with next/.
      HqKeyring keys = Wiring.keyring(settings, session.passwords(), session.clock());
      BrokerLogin hq = Wiring.hqLogin(settings);
      QuarantineRelease.Result result;
      try (Database database = Wiring.openDatabase(settings);
          QuarantineQueue quarantine = QuarantineQueue.open(admin)) {
        ClosingIngest ingest = new ClosingIngest(keys, database.closingStore(), session.clock());
        result = new QuarantineRelease(quarantine, ingest, hq.user()).release(id);
        Handled handled = result.handled();
        if (handled.outcome() == Handled.Outcome.QUARANTINED) {
          session
              .err()
              .println(
                  "hq: "
                      + result.message().id()
                      + " still does not verify: "
                      + safe(handled.detail())
                      + "; it stays in quarantine");
          return HqCli.FAILED;
        }
        PrintStream out = session.out();
        out.println(
            "released "
                + result.message().id()
                + ": closing "
                + handled.messageId()
                + " from "
                + handled.sender()
                + " "
                + handled.outcome()
                + (handled.detail() == null ? "" : " (" + handled.detail() + ")"));
        if (!result.removed()) {
          out.println(
              "note: it was no longer in quarantine when it was to be removed (another admin?)");
        }
        try (InboxSender inbox = new InboxSender(hq, keys.id())) {
          int sent =
              new SignedReceiptPublisher(
                      keys.id(), keys, database.receiptLedger(), inbox, session.clock())
                  .publishPending();
          out.println(sent + " receipt(s) sent");
        } catch (HqException e) {
          out.println(
              "note: the receipt is stored but not sent yet ("
                  + e.getMessage()
                  + "); 'hq serve' sends it after its next batch or restart");
        }
      }
      return HqCli.OK;
    }
  }

  /** {@code hq quarantine drop ID}. */
  @Command(name = "drop", description = "Remove one message from the quarantine for good.")
  static final class DropCommand implements Callable<Integer> {

    private final Session session;

    @Mixin ConfigOption config;

    @Parameters(paramLabel = "ID", description = "The message's id, as 'list' shows it.")
    String id;

    DropCommand(Session session) {
      this.session = session;
    }

    @Override
    public Integer call() throws Exception {
      String canonical = QuarantineQueue.canonicalId(id);
      try (QuarantineQueue quarantine = open(config.load(session.env()), "hq quarantine drop")) {
        if (!quarantine.remove(canonical)) {
          throw notFound(canonical);
        }
      }
      session.out().println("dropped " + canonical);
      return HqCli.OK;
    }
  }

  private static HqException notFound(String id) {
    return new HqException(
        HqException.Reason.NOT_FOUND, "no message " + id + " in " + Addresses.QUARANTINE);
  }
}
