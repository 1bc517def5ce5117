package io.outpost.hq;

import io.outpost.hq.core.HqException;
import io.outpost.keystore.KeystoreException;
import io.outpost.keystore.Passwords;
import io.outpost.keystore.StreamTerminal;
import io.outpost.keystore.cli.Converters;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code hq} command: HQ's service and the tools around its store.
 *
 * <p>Exit codes are a contract for scripts: 0 done (for {@code open} and {@code audit}: the message
 * verified), 1 the job failed or the message did not verify (one line on stderr says why), 2 usage
 * error.
 */
@Command(
    name = "hq",
    mixinStandardHelpOptions = true,
    versionProvider = HqCli.Version.class,
    description = "Outpost HQ: ingest sealed closings, answer with signed receipts and menus.",
    synopsisSubcommandLabel = "COMMAND",
    commandListHeading = "%nCommands:%n",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:done; for open and audit, the message verified",
      "1:the job failed or the message did not verify; the message says why",
      "2:usage error"
    },
    footer = {
      "",
      "Settings come from --config FILE (properties), overridden by the environment:",
      "OUTPOST_BROKER_URL, OUTPOST_BROKER_USER, OUTPOST_BROKER_PASSWORD_FILE,",
      "OUTPOST_DB_URL, OUTPOST_DB_USER, OUTPOST_DB_PASSWORD_FILE, OUTPOST_KEY_DIR,",
      "OUTPOST_HTTP_BIND, OUTPOST_HTTP_PORT, OUTPOST_ADMIN_USER, OUTPOST_ADMIN_PASSWORD_FILE.",
      "The private key's password comes from key.password-file, else",
      Passwords.ENVIRONMENT_VARIABLE + ", else the terminal."
    })
public final class HqCli implements Callable<Integer> {

  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;

  @Spec CommandSpec spec;

  private HqCli() {}

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "missing command");
  }

  public static void main(String[] args) {
    System.exit(run(System.in, System.out, System.err, System.getenv(), args));
  }

  /**
   * Runs one command. Passwords are read from the console when {@code in} is {@link System#in} and
   * the process has one; any other stream stands in for the terminal, one line per prompt.
   */
  public static int run(
      InputStream in, PrintStream out, PrintStream err, Map<String, String> env, String... args) {
    Passwords passwords;
    if (in != System.in) {
      passwords = Passwords.of(env, new StreamTerminal(in, err));
    } else if (System.console() != null) {
      passwords = Passwords.of(env, Passwords.Terminal.of(System.console()));
    } else {
      passwords = Passwords.withoutTerminal(env);
    }
    Session session = new Session(out, err, env, passwords, Clock.systemUTC());
    CommandLine cli =
        new CommandLine(new HqCli())
            .addSubcommand(new OpenCommand(session))
            .addSubcommand(new ServeCommand(session))
            .addSubcommand(KeysCommand.commandLine(session))
            .addSubcommand(
                new CommandLine(new MenuCommand()).addSubcommand(new MenuPublishCommand(session)))
            .addSubcommand(new ReportCommand(session))
            .addSubcommand(new AuditCommand(session))
            .addSubcommand(new ExportEvidenceCommand(session))
            .addSubcommand(new QueuesCommand(session))
            .addSubcommand(QuarantineCommand.commandLine(session));
    Converters.register(cli);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    cli.setParameterExceptionHandler((e, arguments) -> usageError(e, err));
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> failed(e, err));
    int code = cli.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  private static int usageError(ParameterException e, PrintStream err) {
    err.println("hq: " + oneLine(e.getMessage()));
    err.println(
        "Run '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
    return USAGE;
  }

  private static int failed(Exception e, PrintStream err) {
    if (e instanceof HqException || e instanceof KeystoreException) {
      err.println("hq: " + oneLine(e.getMessage()));
    } else {
      // Not a failure the user can fix: name it plainly so that it can be reported.
      err.println("hq: unexpected error, please report it: " + oneLine(e.toString()));
    }
    return FAILED;
  }

  static String oneLine(String message) {
    return message == null ? "" : message.replaceAll("\\s*\\R\\s*", " ");
  }

  /** The version from the jar manifest, or "development" when run from classes. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = HqCli.class.getPackage().getImplementationVersion();
      return new String[] {"hq " + (version == null ? "development" : version)};
    }
  }
}
