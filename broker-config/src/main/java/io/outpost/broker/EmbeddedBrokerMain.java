package io.outpost.broker;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The broker-config tool: {@code run} keeps an in-JVM broker running until SIGTERM; the other
 * commands provision the logins of a broker instance (see {@link CommandLine#USAGE}).
 *
 * <p>Exit codes: 0 done, 1 the job failed, 2 usage. {@code run} prints the broker's URL alone on
 * standard output, so a script can read it, and everything else on standard error.
 */
public final class EmbeddedBrokerMain {

  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;

  private static final String LOGBACK_PROPERTY = "logback.configurationFile";
  private static final String LOGBACK_CONFIG = "io/outpost/broker/broker-logback.xml";

  private EmbeddedBrokerMain() {}

  public static void main(String[] args) {
    if (System.getProperty(LOGBACK_PROPERTY) == null) {
      System.setProperty(LOGBACK_PROPERTY, LOGBACK_CONFIG);
    }
    System.exit(run(System.out, System.err, System.getenv(), args));
  }

  /** Runs one command; {@code run} returns only once the broker has stopped. */
  static int run(PrintStream out, PrintStream err, Map<String, String> env, String... args) {
    CommandLine line;
    try {
      line = CommandLine.parse(args);
    } catch (UsageException e) {
      err.println("broker-config: " + e.getMessage());
      err.println(CommandLine.USAGE);
      return USAGE;
    }
    try {
      return execute(line, out, err, env);
    } catch (BrokerException e) {
      err.println("broker-config: " + e.getMessage());
      return e.reason() == BrokerException.Reason.NO_PASSWORD ? USAGE : FAILED;
    }
  }

  private static int execute(
      CommandLine line, PrintStream out, PrintStream err, Map<String, String> env)
      throws BrokerException {
    Path instance = line.instanceDir();
    switch (line.command()) {
      case "run" -> {
        return runBroker(line, out, err);
      }
      case "init" -> {
        Path config = configDir(line);
        BrokerConfig.initInstance(config, instance);
        err.println("instance " + instance + " has the login files of " + config);
        return OK;
      }
      case "list" -> {
        BrokerAccounts accounts = BrokerAccounts.open(instance);
        out.println("admin: " + String.join(" ", accounts.members(BrokerAccounts.ADMIN_ROLE)));
        out.println("hq: " + String.join(" ", accounts.members(BrokerAccounts.HQ_ROLE)));
        out.println("outlets: " + String.join(" ", accounts.outlets()));
        return OK;
      }
      case "remove-outlet" -> {
        BrokerAccounts.open(instance).removeOutlet(line.name().orElseThrow());
        err.println("removed outlet " + line.name().get());
        return OK;
      }
      case "remove-user" -> {
        BrokerAccounts.open(instance).removeUser(line.name().orElseThrow());
        err.println("removed login " + line.name().get());
        return OK;
      }
      default -> {
        return provision(line, err, env);
      }
    }
  }

  private static int provision(CommandLine line, PrintStream err, Map<String, String> env)
      throws BrokerException {
    BrokerAccounts accounts = BrokerAccounts.open(line.instanceDir(), line.hashIterations());
    String name =
        line.name()
            .orElse(
                line.command().equals("add-hq")
                    ? BrokerAccounts.HQ_ROLE
                    : BrokerAccounts.ADMIN_ROLE);
    char[] password = Passwords.read(line.passwordFile(), env);
    try {
      switch (line.command()) {
        case "add-outlet" -> accounts.addOutlet(name, password);
        case "add-hq" -> accounts.addHq(name, password);
        case "add-admin" -> accounts.addAdmin(name, password);
        case "set-password" -> accounts.setPassword(name, password);
        default -> throw new IllegalStateException("not a provisioning command: " + line);
      }
    } finally {
      Arrays.fill(password, '\0');
    }
    err.println(line.command() + " " + name + ": done");
    return OK;
  }

  private static int runBroker(CommandLine line, PrintStream out, PrintStream err)
      throws BrokerException {
    EmbeddedBroker broker = EmbeddedBroker.start(configDir(line), line.instanceDir(), line.port());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    broker.stop();
                    err.println("outpost broker stopped");
                  } catch (BrokerException e) {
                    err.println("broker-config: " + e.getMessage());
                  } finally {
                    stopped.countDown();
                  }
                },
                "outpost-broker-stop"));
    out.println(broker.url());
    out.flush();
    err.println(
        "outpost broker of "
            + broker.instanceDir()
            + " listening at "
            + broker.url()
            + (broker.tlsEnabled() ? " (TLS)" : "")
            + "; stop it with SIGTERM or Ctrl-C");
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return OK;
  }

  private static Path configDir(CommandLine line) throws BrokerException {
    return line.configDir().isPresent() ? line.configDir().get() : BrokerConfig.locate();
  }
}
