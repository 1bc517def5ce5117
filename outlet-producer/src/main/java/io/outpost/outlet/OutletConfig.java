package io.outpost.outlet;

import io.outpost.keystore.PartyIds;
import io.outpost.outlet.OutletException.Reason;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The outlet's settings: defaults that work for the demo, overridden by a properties file,
 * overridden by environment variables. Every value is checked when the command starts, and a wrong
 * one is named with where it came from.
 *
 * @param brokerUser the broker login, or null to use the outlet's own id
 * @param brokerPasswordFile a file whose first line is the broker password, or null
 * @param connectAttempts how often to try to reach the broker before giving up as offline
 * @param connectBackoff the wait after the first failed attempt; it doubles after each one
 * @param menuTimeout how long {@code menu} waits for HQ's answer
 * @param receiptTimeout how long {@code flush} waits for HQ's receipts
 * @param progressEvery {@code flush} prints a progress line after this many entries
 */
public record OutletConfig(
    String brokerUrl,
    String brokerUser,
    Path brokerPasswordFile,
    Path keyDir,
    Path outboxDir,
    Path menuDir,
    String hqId,
    int connectAttempts,
    Duration connectBackoff,
    Duration menuTimeout,
    Duration receiptTimeout,
    int progressEvery) {

  /** The file read when no {@code --config} is given, if it exists in the working directory. */
  public static final String DEFAULT_FILE = "outlet.properties";

  /** One setting: its key in the properties file, its environment variable and its default. */
  enum Setting {
    BROKER_URL("broker.url", "OUTPOST_BROKER_URL", "tcp://127.0.0.1:61616"),
    BROKER_USER("broker.user", "OUTPOST_BROKER_USER", null),
    BROKER_PASSWORD_FILE("broker.passwordFile", "OUTPOST_BROKER_PASSWORD_FILE", null),
    KEY_DIR("key.dir", "OUTPOST_KEY_DIR", "keys"),
    OUTBOX_DIR("outbox.dir", "OUTPOST_OUTBOX_DIR", "outbox"),
    MENU_DIR("menu.dir", "OUTPOST_MENU_DIR", "menu"),
    HQ_ID("hq.id", "OUTPOST_HQ_ID", "hq"),
    CONNECT_ATTEMPTS("connect.attempts", "OUTPOST_CONNECT_ATTEMPTS", "5"),
    CONNECT_BACKOFF("connect.backoff", "OUTPOST_CONNECT_BACKOFF", "500ms"),
    MENU_TIMEOUT("menu.timeout", "OUTPOST_MENU_TIMEOUT", "10s"),
    RECEIPT_TIMEOUT("receipt.timeout", "OUTPOST_RECEIPT_TIMEOUT", "10s"),
    PROGRESS_EVERY("progress.every", "OUTPOST_PROGRESS_EVERY", "100");

    final String key;
    final String env;
    final String defaultValue;

    Setting(String key, String env, String defaultValue) {
      this.key = key;
      this.env = env;
      this.defaultValue = defaultValue;
    }
  }

  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m)");
  private static final Pattern BROKER_URL = Pattern.compile("(tcp|vm)://\\S+|\\(\\S+\\)\\S*");

  public OutletConfig {
    Objects.requireNonNull(brokerUrl, "brokerUrl");
    Objects.requireNonNull(keyDir, "keyDir");
    Objects.requireNonNull(outboxDir, "outboxDir");
    Objects.requireNonNull(menuDir, "menuDir");
    Objects.requireNonNull(hqId, "hqId");
    Objects.requireNonNull(connectBackoff, "connectBackoff");
    Objects.requireNonNull(menuTimeout, "menuTimeout");
    Objects.requireNonNull(receiptTimeout, "receiptTimeout");
    if (connectAttempts < 1 || progressEvery < 1) {
      throw new IllegalArgumentException("connectAttempts and progressEvery must be at least 1");
    }
  }

  /** The broker login: the configured one, or the outlet's own id. */
  public String brokerUserOr(String outletId) {
    return brokerUser == null ? outletId : brokerUser;
  }

  /**
   * Reads the settings.
   *
   * @param configFile the {@code --config} file, or empty to read {@value #DEFAULT_FILE} from the
   *     working directory when it exists
   * @param env the process environment
   * @param workingDir where relative paths from the environment and the defaults start; relative
   *     paths in a file start at the file's directory
   */
  public static OutletConfig load(
      Optional<Path> configFile, Map<String, String> env, Path workingDir) throws OutletException {
    Map<Setting, Source> values = new LinkedHashMap<>();
    for (Setting setting : Setting.values()) {
      if (setting.defaultValue != null) {
        values.put(setting, new Source(setting.defaultValue, "the default", workingDir));
      }
    }
    Optional<Path> file =
        configFile
            .map(workingDir::resolve)
            .or(() -> Optional.of(workingDir.resolve(DEFAULT_FILE)).filter(Files::isRegularFile));
    if (file.isPresent()) {
      if (!Files.isRegularFile(file.get())) {
        throw new OutletException(
            Reason.CONFIG, "the configuration file " + file.get() + " does not exist");
      }
      readFile(file.get(), values);
    }
    for (Setting setting : Setting.values()) {
      String value = env.get(setting.env);
      if (value != null && !value.isBlank()) {
        values.put(
            setting, new Source(value.trim(), "environment variable " + setting.env, workingDir));
      }
    }
    return new Parser(values).config();
  }

  private static void readFile(Path file, Map<Setting, Source> values) throws OutletException {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException | IllegalArgumentException e) {
      throw new OutletException(
          Reason.CONFIG, "cannot read the configuration file " + file + ": " + e.getMessage(), e);
    }
    Path base = file.toAbsolutePath().getParent();
    List<String> unknown = new ArrayList<>();
    for (String key : new TreeSet<>(properties.stringPropertyNames())) {
      Optional<Setting> setting =
          java.util.Arrays.stream(Setting.values()).filter(s -> s.key.equals(key)).findFirst();
      if (setting.isEmpty()) {
        unknown.add(key);
      } else {
        values.put(
            setting.get(),
            new Source(properties.getProperty(key).trim(), file + " (" + key + ")", base));
      }
    }
    if (!unknown.isEmpty()) {
      List<String> known = java.util.Arrays.stream(Setting.values()).map(s -> s.key).toList();
      throw new OutletException(
          Reason.CONFIG,
          "unknown setting "
              + String.join(", ", unknown)
              + " in "
              + file
              + "; known settings: "
              + String.join(", ", known));
    }
  }

  /** A value and where it came from, for error messages and for resolving relative paths. */
  private record Source(String value, String origin, Path base) {}

  /** Turns the raw values into typed ones, naming the setting and its origin on failure. */
  private record Parser(Map<Setting, Source> values) {

    OutletConfig config() throws OutletException {
      return new OutletConfig(
          brokerUrl(),
          loginOrNull(),
          pathOrNull(Setting.BROKER_PASSWORD_FILE),
          pathOrNull(Setting.KEY_DIR),
          pathOrNull(Setting.OUTBOX_DIR),
          pathOrNull(Setting.MENU_DIR),
          partyIdOrNull(Setting.HQ_ID),
          positive(Setting.CONNECT_ATTEMPTS, 1000),
          duration(Setting.CONNECT_BACKOFF),
          duration(Setting.MENU_TIMEOUT),
          duration(Setting.RECEIPT_TIMEOUT),
          positive(Setting.PROGRESS_EVERY, Integer.MAX_VALUE));
    }

    private String brokerUrl() throws OutletException {
      Source source = values.get(Setting.BROKER_URL);
      if (!BROKER_URL.matcher(source.value()).matches()) {
        throw wrong(
            Setting.BROKER_URL, source, "is not an Artemis URL such as tcp://127.0.0.1:61616");
      }
      return source.value();
    }

    private String loginOrNull() throws OutletException {
      Source source = values.get(Setting.BROKER_USER);
      if (source != null && !source.value().matches("[\\x21-\\x7e]{1,128}")) {
        throw wrong(Setting.BROKER_USER, source, "is not a broker login (printable, no spaces)");
      }
      return source == null ? null : source.value();
    }

    private String partyIdOrNull(Setting setting) throws OutletException {
      Source source = values.get(setting);
      if (source == null) {
        return null;
      }
      if (!PartyIds.isValid(source.value())) {
        throw wrong(setting, source, "is not a party id (lower-case letters, digits and '-')");
      }
      return source.value();
    }

    private Path pathOrNull(Setting setting) throws OutletException {
      Source source = values.get(setting);
      if (source == null) {
        return null;
      }
      try {
        return source.base().resolve(source.value()).normalize();
      } catch (InvalidPathException e) {
        throw wrong(setting, source, "is not a path");
      }
    }

    private int positive(Setting setting, int max) throws OutletException {
      Source source = values.get(setting);
      try {
        int value = Integer.parseInt(source.value());
        if (value >= 1 && value <= max) {
          return value;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw wrong(setting, source, "is not a whole number from 1 to " + max);
    }

    private Duration duration(Setting setting) throws OutletException {
      Source source = values.get(setting);
      Matcher matcher = DURATION.matcher(source.value());
      if (!matcher.matches()) {
        throw wrong(setting, source, "is not a duration such as 500ms, 10s or 2m");
      }
      long amount = Long.parseLong(matcher.group(1));
      return switch (matcher.group(2)) {
        case "ms" -> Duration.ofMillis(amount);
        case "s" -> Duration.ofSeconds(amount);
        default -> Duration.ofMinutes(amount);
      };
    }

    private static OutletException wrong(Setting setting, Source source, String problem) {
      return new OutletException(
          Reason.CONFIG,
          setting.key + " '" + source.value() + "' from " + source.origin() + " " + problem);
    }
  }
}
