package io.outpost.keystore.cli;

import io.outpost.keystore.KeystoreException;
import io.outpost.keystore.Passwords;
import io.outpost.keystore.StreamTerminal;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.ParameterException;

/**
 * The {@code keystore} command: creates this party's identity and pins, shows and revokes peer
 * certificates.
 *
 * <p>Exit codes are a contract for scripts: 0 done, 1 the job failed (one line on stderr says why
 * and what to do), 2 usage error.
 */
@Command(
    name = "keystore",
    mixinStandardHelpOptions = true,
    versionProvider = KeystoreCli.Version.class,
    description = "Outpost identities and pinned peer certificates.",
    synopsisSubcommandLabel = "COMMAND",
    commandListHeading = "%nCommands:%n",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:done",
      "1:the job failed; the message says why and what to do",
      "2:usage error"
    },
    footer = {
      "",
      "Passwords come from --password-file FILE (first line), else the environment variable "
          + Passwords.ENVIRONMENT_VARIABLE
          + ", else the terminal; never from an argument."
    })
public final class KeystoreCli {

  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;

  private KeystoreCli() {}

  public static void main(String[] args) {
    System.exit(run(System.in, System.out, System.err, System.getenv(), args));
  }

  /**
   * Runs one command. Passwords are typed on the console when {@code in} is {@link System#in} and
   * the process has a console; any other stream stands in for the terminal, one line per prompt.
   */
  static int run(
      InputStream in, PrintStream out, PrintStream err, Map<String, String> env, String... args) {
    Passwords passwords;
    if (in != System.in) {
      passwords = Passwords.of(env, new StreamTerminal(in, err));
    } else if (System.console() != null) {
      passwords = Passwords.of(env, Passwords.Terminal.of(System.console()));
    } else {
      passwords = Passwords.withoutTerminal(env);
    }
    Session session = new Session(out, passwords);
    CommandLine cli =
        new CommandLine(new KeystoreCli())
            .addSubcommand(new InitCommand(session))
            .addSubcommand(new TrustCommand(session))
            .addSubcommand(new ShowCommand(session))
            .addSubcommand(new RevokeCommand(session))
            .addSubcommand(new FingerprintCommand(session))
            .addSubcommand(new NextCommand(session))
            .addSubcommand(new PromoteCommand(session));
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
    err.println("keystore: " + oneLine(e.getMessage()));
    err.println(
        "Run '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
    return USAGE;
  }

  private static int failed(Exception e, PrintStream err) {
    if (e instanceof KeystoreException) {
      err.println("keystore: " + oneLine(e.getMessage()));
    } else {
      // Not a failure the user can fix: name it plainly so that it can be reported.
      err.println("keystore: unexpected error, please report it: " + oneLine(e.toString()));
    }
    return FAILED;
  }

  private static String oneLine(String message) {
    return message == null ? "" : message.replaceAll("\\s*\\R\\s*", " ");
  }

  /** The version from the jar manifest, or "development" when run from classes. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = KeystoreCli.class.getPackage().getImplementationVersion();
      return new String[] {
        "keystore " + (version == null ? "development" : version),
        "Java " + System.getProperty("java.version") + ", " + Charset.defaultCharset()
      };
    }
  }
}
