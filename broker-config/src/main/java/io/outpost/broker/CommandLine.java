package io.outpost.broker;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The broker-config tool's command line, parsed and checked in one place.
 *
 * @param command one of {@link #COMMANDS}
 * @param name the outlet id or login the command acts on, if it takes one
 * @param configDir {@code --config}, else located by {@link BrokerConfig#locate()}
 * @param instanceDir {@code --instance} or {@code --data}: the broker instance directory
 * @param port {@code --port}, for {@code run}
 * @param passwordFile {@code --password-file}, else the environment variable
 * @param hashIterations {@code --hash-iterations}, for commands that hash a password
 */
record CommandLine(
    String command,
    Optional<String> name,
    Optional<Path> configDir,
    Path instanceDir,
    int port,
    Optional<Path> passwordFile,
    int hashIterations) {

  static final Set<String> COMMANDS =
      Set.of(
          "run",
          "init",
          "add-outlet",
          "remove-outlet",
          "add-hq",
          "add-admin",
          "set-password",
          "remove-user",
          "list");

  static final int DEFAULT_PORT = 61616;

  private static final Set<String> TAKE_PASSWORD =
      Set.of("add-outlet", "add-hq", "add-admin", "set-password");
  private static final Set<String> NEED_NAME =
      Set.of("add-outlet", "remove-outlet", "set-password", "remove-user");
  private static final Set<String> MAY_NAME = Set.of("add-hq", "add-admin");

  static final String USAGE =
      String.join(
          "\n",
          "Usage:",
          "  broker-config run --data DIR [--config DIR] [--port N]",
          "  broker-config init --instance DIR [--config DIR]",
          "  broker-config add-outlet ID --instance DIR [--password-file FILE]",
          "  broker-config remove-outlet ID --instance DIR",
          "  broker-config add-hq [USER] --instance DIR [--password-file FILE]",
          "  broker-config add-admin [USER] --instance DIR [--password-file FILE]",
          "  broker-config set-password USER --instance DIR [--password-file FILE]",
          "  broker-config remove-user USER --instance DIR",
          "  broker-config list --instance DIR",
          "",
          "run starts the in-JVM broker on 127.0.0.1 (default port 61616, 0 picks one), prints its",
          "URL and runs until SIGTERM. --data and --instance name the same directory: etc/ holds",
          "the logins and broker.properties, data/ the journal. A broker made by make-broker is an",
          "instance too. Passwords are read from --password-file or the environment variable",
          "OUTPOST_BROKER_PASSWORD, never from the command line; --hash-iterations N (at least",
          "10000) lowers the PBKDF2 work for throw-away brokers.",
          "Exit codes: 0 done, 1 the job failed, 2 usage.");

  CommandLine {
    if (!COMMANDS.contains(command)) {
      throw new IllegalArgumentException("unknown command " + command);
    }
  }

  static CommandLine parse(String... args) throws UsageException {
    if (args.length == 0) {
      throw new UsageException("no command given");
    }
    String command = args[0];
    if (!COMMANDS.contains(command)) {
      throw new UsageException("unknown command '" + command + "'");
    }
    List<String> positional = new ArrayList<>();
    Path config = null;
    Path instance = null;
    Integer port = null;
    Path passwordFile = null;
    Integer iterations = null;
    for (int i = 1; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        positional.add(arg);
        continue;
      }
      String flag = arg;
      String value;
      int equals = arg.indexOf('=');
      if (equals > 0) {
        flag = arg.substring(0, equals);
        value = arg.substring(equals + 1);
      } else {
        if (i + 1 >= args.length) {
          throw new UsageException(flag + " needs a value");
        }
        value = args[++i];
      }
      switch (flag) {
        case "--config" -> config = once(config, Paths.get(value), flag);
        case "--instance", "--data" -> instance = once(instance, Paths.get(value), flag);
        case "--port" -> port = once(port, number(flag, value, 0, 65_535), flag);
        case "--password-file" -> passwordFile = once(passwordFile, Paths.get(value), flag);
        case "--hash-iterations" ->
            iterations =
                once(iterations, number(flag, value, PasswordHashes.MIN_ITERATIONS, 1 << 30), flag);
        case "--password" ->
            throw new UsageException(
                "passwords are not taken on the command line; use --password-file or"
                    + " OUTPOST_BROKER_PASSWORD");
        default -> throw new UsageException("unknown option " + flag);
      }
    }
    if (positional.size() > 1) {
      throw new UsageException("too many arguments: " + positional);
    }
    Optional<String> name = positional.stream().findFirst();
    if (NEED_NAME.contains(command) && name.isEmpty()) {
      throw new UsageException(command + " needs a name");
    }
    if (name.isPresent() && !NEED_NAME.contains(command) && !MAY_NAME.contains(command)) {
      throw new UsageException(command + " takes no argument, got " + name.get());
    }
    if (instance == null) {
      throw new UsageException(command + " needs --instance DIR (or --data DIR)");
    }
    if (port != null && !command.equals("run")) {
      throw new UsageException("--port is for run only");
    }
    if ((passwordFile != null || iterations != null) && !TAKE_PASSWORD.contains(command)) {
      throw new UsageException(command + " takes no password");
    }
    if (config != null && !command.equals("run") && !command.equals("init")) {
      throw new UsageException("--config is for run and init only");
    }
    return new CommandLine(
        command,
        name,
        Optional.ofNullable(config),
        instance,
        port == null ? DEFAULT_PORT : port,
        Optional.ofNullable(passwordFile),
        iterations == null ? BrokerAccounts.DEFAULT_HASH_ITERATIONS : iterations);
  }

  boolean takesPassword() {
    return TAKE_PASSWORD.contains(command);
  }

  private static <T> T once(T previous, T value, String flag) throws UsageException {
    if (previous != null) {
      throw new UsageException(flag + " given twice");
    }
    return value;
  }

  private static int number(String flag, String value, int min, int max) throws UsageException {
    try {
      int n = Integer.parseInt(value);
      if (n < min || n > max) {
        throw new UsageException(flag + " must be between " + min + " and " + max);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new UsageException(flag + " needs a number, got '" + value + "'");
    }
  }
}
