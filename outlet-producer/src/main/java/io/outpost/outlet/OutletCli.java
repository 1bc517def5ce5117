package io.outpost.outlet;

import io.outpost.keystore.Passwords;
import io.outpost.keystore.cli.Converters;
import io.outpost.message.payload.Menu;
import io.outpost.message.payload.MenuItem;
import io.outpost.message.payload.PayloadCodec;
import io.outpost.message.payload.PayloadException;
import io.outpost.message.payload.SalesDay;
import io.outpost.outlet.MenuCache.CachedMenu;
import io.outpost.outlet.OutletException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code bin/outlet}: seal closings into the outbox, send them to HQ, fetch the signed menu.
 *
 * <p>Exit codes are a contract for scripts: {@value #OK} ok, {@value #FAILED} the command failed,
 * {@value #USAGE} usage error, {@value #OFFLINE} offline (the cached menu was shown, or entries
 * were left pending for a later flush).
 */
@Command(
    name = "outlet",
    mixinStandardHelpOptions = true,
    version = "outlet 0.1",
    description =
        "The outlet's tools: seal closings into the outbox, send them to HQ, fetch the signed"
            + " menu.",
    subcommands = {
      OutletCli.Seal.class,
      OutletCli.MenuCommand.class,
      OutletCli.Close.class,
      OutletCli.Flush.class,
      OutletCli.Status.class,
      AnnounceKeyCommand.class,
      KeysCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:ok",
      "1:the command failed (the message says why)",
      "2:usage error",
      "3:offline: the cached menu was shown, or entries are left pending for 'flush'"
    },
    footerHeading = "%nConfiguration:%n",
    footer = {
      "--config FILE, else outlet.properties in the working directory; environment",
      "variables override it: OUTPOST_BROKER_URL, OUTPOST_BROKER_USER,",
      "OUTPOST_BROKER_PASSWORD_FILE, OUTPOST_KEY_DIR, OUTPOST_OUTBOX_DIR,",
      "OUTPOST_MENU_DIR, OUTPOST_HQ_ID. The key password comes from --password-file,",
      "OUTPOST_PASSWORD or the terminal, never from an argument."
    })
public final class OutletCli implements Callable<Integer> {

  public static final int OK = 0;
  public static final int FAILED = 1;
  public static final int USAGE = 2;
  public static final int OFFLINE = 3;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Settings file (default: outlet.properties if present).")
  Path configFile;

  @Option(
      names = "--password-file",
      paramLabel = "FILE",
      description = "File whose first line is the private key's password.")
  Path passwordFile;

  private final Context context;

  /** What a run works with: its streams, environment, password sources, directory and clock. */
  record Context(
      InputStream in,
      PrintStream out,
      PrintStream err,
      Map<String, String> env,
      Passwords passwords,
      Path workingDir,
      Clock clock) {}

  private OutletCli(Context context) {
    this.context = context;
  }

  public static void main(String[] args) {
    System.exit(
        run(
            new Context(
                System.in,
                System.out,
                System.err,
                System.getenv(),
                Passwords.system(),
                Path.of("").toAbsolutePath(),
                Clock.systemUTC()),
            args));
  }

  /** Runs one command without a terminal (the key password from a file or the environment). */
  public static int run(
      InputStream in, PrintStream out, PrintStream err, Map<String, String> env, String... args) {
    return run(
        new Context(
            in,
            out,
            err,
            env,
            Passwords.withoutTerminal(env),
            Path.of("").toAbsolutePath(),
            Clock.systemUTC()),
        args);
  }

  static int run(Context context, String... args) {
    CommandLine commandLine = Converters.register(new CommandLine(new OutletCli(context)));
    commandLine.setOut(new PrintWriter(context.out(), true, StandardCharsets.UTF_8));
    commandLine.setErr(new PrintWriter(context.err(), true, StandardCharsets.UTF_8));
    commandLine.setParameterExceptionHandler(
        (e, arguments) -> {
          context.err().println("outlet: " + e.getMessage());
          context.err().println("Run 'outlet --help' or 'outlet COMMAND --help' for usage.");
          return USAGE;
        });
    commandLine.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          if (e instanceof OutletException failure) {
            context.err().println("outlet: " + failure.getMessage());
            return failure.reason() == Reason.OFFLINE ? OFFLINE : FAILED;
          }
          context.err().println("outlet: internal error: " + e);
          e.printStackTrace(context.err());
          return FAILED;
        });
    try {
      return commandLine.execute(args);
    } finally {
      context.out().flush();
      context.err().flush();
    }
  }

  @Override
  public Integer call() {
    context.err().println("outlet: a command is required");
    new CommandLine(this).usage(context.err());
    return USAGE;
  }

  OutletWiring wiring() throws OutletException {
    OutletConfig config =
        OutletConfig.load(Optional.ofNullable(configFile), context.env(), context.workingDir());
    return new OutletWiring(
        config,
        context.passwords(),
        Optional.ofNullable(passwordFile).map(p -> context.workingDir().resolve(p)),
        context.clock(),
        line -> context.err().println("outlet: " + line));
  }

  /** The run's streams, environment and clock, for commands declared in their own files. */
  Context context() {
    return context;
  }

  Path resolve(Path path) {
    return context.workingDir().resolve(path);
  }

  /** Reads and validates a day's sales; {@code -} reads standard input. */
  SalesDay readSales(Path file) throws OutletException {
    byte[] json;
    try {
      json =
          file.toString().equals("-")
              ? context.in().readAllBytes()
              : Files.readAllBytes(resolve(file));
    } catch (IOException e) {
      throw new OutletException(
          Reason.INVALID_INPUT, "cannot read the sales file " + file + ": " + e.getMessage(), e);
    }
    try {
      return new PayloadCodec().decodeSalesDay(json);
    } catch (PayloadException e) {
      throw new OutletException(
          Reason.INVALID_INPUT, "the sales file " + file + " is not valid: " + e.getMessage(), e);
    }
  }

  /** {@code seal}: one closing to a file, outside the outbox. */
  @Command(
      name = "seal",
      mixinStandardHelpOptions = true,
      description = {
        "Seals a day's sales into a triple-wrapped CMS message for HQ, without the broker.",
        "The sequence and previous digest continue the outbox when it exists, else start at 1."
      })
  static final class Seal implements Callable<Integer> {
    @ParentCommand OutletCli parent;

    @Option(
        names = "--dir",
        paramLabel = "KEYDIR",
        description = "Identity and pinned certificates (default: key.dir).")
    Path dir;

    @Option(names = "--to", paramLabel = "HQ_ID", description = "The recipient (default: hq.id).")
    String to;

    @Option(
        names = "--in",
        paramLabel = "SALES.json",
        required = true,
        description = "The day's sales; - for standard input.")
    Path in;

    @Option(
        names = "--out",
        paramLabel = "MSG.p7m",
        required = true,
        description = "Where to write the sealed message (DER).")
    Path out;

    @Override
    public Integer call() throws OutletException {
      OutletWiring wiring = parent.wiring();
      OutletConfig config = wiring.config();
      String recipient = to == null ? config.hqId() : to;
      SalesDay sales = parent.readSales(in);
      OutletWiring.Keys keys =
          wiring.loadKeys(dir == null ? config.keyDir() : parent.resolve(dir), recipient);
      ChainLink link = wiring.outbox().scan().nextLink();
      ClosingSealer.SealedClosing sealed = wiring.sealer(keys, recipient).seal(sales, link, null);
      Path target = parent.resolve(out);
      try {
        DurableFiles.replace(target, sealed.sealed());
      } catch (IOException e) {
        throw new OutletException(Reason.IO, "cannot write " + target + ": " + e.getMessage(), e);
      }
      parent
          .context
          .out()
          .printf(
              "sealed closing %s of %s (sequence %d) from %s for %s: %s, %d bytes%n",
              sealed.closing().messageId(),
              sealed.closing().businessDate(),
              sealed.closing().sequence(),
              keys.selfId(),
              recipient,
              target,
              sealed.sealed().length);
      return OK;
    }
  }

  /** {@code menu}: ask HQ, verify, cache, print; offline, the cached menu. */
  @Command(
      name = "menu",
      mixinStandardHelpOptions = true,
      description = {
        "Asks HQ for the signed menu, verifies and caches it, and prints it.",
        "Offline, prints the last verified menu with its age and exits 3."
      })
  static final class MenuCommand implements Callable<Integer> {
    @ParentCommand OutletCli parent;

    @Option(names = "--cached", description = "Print the cached menu without asking HQ.")
    boolean cachedOnly;

    @Override
    public Integer call() throws OutletException {
      OutletWiring wiring = parent.wiring();
      PrintStream out = parent.context.out();
      MenuCache cache = wiring.menuCache();
      if (cachedOnly) {
        Optional<CachedMenu> cached = cache.current();
        if (cached.isEmpty()) {
          throw new OutletException(
              Reason.NO_MENU, "no menu is cached yet; run 'outlet menu' while online");
        }
        printMenu(cached.get(), wiring.clock().instant(), out);
        return OK;
      }
      try {
        printMenu(wiring.menuFetcher().fetch(), wiring.clock().instant(), out);
        return OK;
      } catch (OutletException e) {
        if (e.reason() != Reason.OFFLINE) {
          throw e;
        }
        Optional<CachedMenu> cached = cache.current();
        if (cached.isEmpty()) {
          throw new OutletException(
              Reason.NO_MENU,
              e.getMessage() + ", and no menu is cached yet; try again when online");
        }
        parent
            .context
            .err()
            .println(
                "outlet: "
                    + e.getMessage()
                    + "; showing the cached menu, received "
                    + Ages.format(
                        Duration.between(cached.get().cachedAt(), wiring.clock().instant()))
                    + " ago");
        printMenu(cached.get(), wiring.clock().instant(), out);
        return OFFLINE;
      }
    }

    private static void printMenu(CachedMenu cached, Instant now, PrintStream out) {
      Menu menu = cached.menu();
      out.printf(
          "menu version %d, valid from %s, prices in %s (received %s, %s ago)%n",
          menu.version(),
          menu.validFrom(),
          menu.currency(),
          cached.cachedAt(),
          Ages.format(Duration.between(cached.cachedAt(), now)));
      int digits = Math.max(0, menu.currency().getDefaultFractionDigits());
      for (MenuItem item : menu.items()) {
        out.printf(
            "  %-16s %-40s %10s%n",
            item.sku(), item.name(), BigDecimal.valueOf(item.price(), digits).toPlainString());
      }
    }
  }

  /** {@code close}: seal the day into the outbox, then try to send it. */
  @Command(
      name = "close",
      mixinStandardHelpOptions = true,
      description = {
        "Validates the day's sales, seals them into the outbox, then flushes the outbox.",
        "One closing per business day; a correction names the closing it amends."
      })
  static final class Close implements Callable<Integer> {
    @ParentCommand OutletCli parent;

    @Option(
        names = "--sales",
        paramLabel = "FILE",
        required = true,
        description = "The day's sales (JSON); - for standard input.")
    Path sales;

    @Option(
        names = "--amends",
        paramLabel = "MESSAGE_ID",
        description = "The message id of the closing this one corrects.")
    UUID amends;

    @Override
    public Integer call() throws OutletException {
      OutletWiring wiring = parent.wiring();
      SalesDay day = parent.readSales(sales);
      try (Outbox.Locked outbox = wiring.outbox().lock()) {
        OutboxEntry entry = wiring.closingDesk().close(outbox, day, Optional.ofNullable(amends));
        parent
            .context
            .out()
            .printf(
                "closed %s: sealed into the outbox as sequence %d (message id %s)%s%n",
                entry.meta().businessDate(),
                entry.sequence(),
                entry.messageId(),
                amends == null ? "" : ", amending " + amends);
        return Flush.flushAndReport(parent, wiring, outbox);
      }
    }
  }

  /** {@code flush}: send what is pending, collect receipts. */
  @Command(
      name = "flush",
      mixinStandardHelpOptions = true,
      description = {
        "Sends every pending outbox entry to HQ, then collects and verifies HQ's receipts.",
        "Safe to interrupt and to run again; exits 3 when the broker is unreachable."
      })
  static final class Flush implements Callable<Integer> {
    @ParentCommand OutletCli parent;

    @Override
    public Integer call() throws OutletException {
      OutletWiring wiring = parent.wiring();
      try (Outbox.Locked outbox = wiring.outbox().lock()) {
        return flushAndReport(parent, wiring, outbox);
      }
    }

    /** Runs a flush with the lock held and prints what it did. */
    static int flushAndReport(OutletCli parent, OutletWiring wiring, Outbox.Locked outbox)
        throws OutletException {
      PrintStream out = parent.context.out();
      PrintStream err = parent.context.err();
      Flusher.Report report;
      try {
        report = wiring.flusher().flush(outbox);
      } catch (OutletException e) {
        if (e.reason() != Reason.OFFLINE) {
          throw e;
        }
        OutboxScan scan = outbox.scan();
        err.println(
            "outlet: "
                + e.getMessage()
                + "; "
                + scan.count(EntryState.PENDING)
                + " pending, "
                + scan.count(EntryState.SENT)
                + " awaiting a receipt; run 'outlet flush' when the broker is reachable");
        return OFFLINE;
      }
      out.printf(
          "flushed: %d sent, %d acknowledged, %d rejected by HQ; %d pending, %d awaiting a"
              + " receipt%n",
          report.sent(),
          report.acknowledged(),
          report.rejected(),
          report.pending(),
          report.awaitingReceipt());
      report.errors().forEach(line -> err.println("outlet: " + line));
      return report.errors().isEmpty() ? OK : FAILED;
    }
  }

  /** {@code status}: the outbox at a glance. */
  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description =
          "Shows the outbox: pending, sent, acknowledged and rejected entries with their ages.")
  static final class Status implements Callable<Integer> {
    @ParentCommand OutletCli parent;

    @Override
    public Integer call() throws OutletException {
      OutletWiring wiring = parent.wiring();
      OutboxScan scan = wiring.outbox().scan();
      StatusTable.print(
          scan,
          wiring.config().outboxDir().toString(),
          wiring.clock().instant(),
          parent.context.out());
      scan.problems().forEach(p -> parent.context.err().println("outlet: " + p.describe()));
      return scan.problems().isEmpty() ? OK : FAILED;
    }
  }
}
