package io.outpost.hq;

import io.outpost.hq.core.HqException;
import io.outpost.hq.jdbc.Database;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * HQ's settings: a properties file ({@code --config FILE}), overridden by environment variables,
 * over defaults that work for the demo. Every value is checked when it is loaded, and a wrong one
 * is reported with the name of the setting (or variable) it came from.
 *
 * <p>Passwords are not settings: only the files that hold them are.
 *
 * @param brokerPasswordFile the broker login's password file, or null for a login without one
 * @param dbPasswordFile the database password file, or null for none
 * @param keyPasswordFile the private key's password file, or null to use {@code OUTPOST_PASSWORD}
 *     or the terminal
 * @param ingestThreads how many closings of a batch are verified at once
 * @param httpBind the address the status page, {@code /health} and {@code /metrics} listen on
 * @param httpPort their port, or 0 to serve none of them
 * @param adminUser the broker's admin login, for queue depths and the quarantine
 * @param adminPasswordFile the admin login's password file, or null when HQ has no admin login
 */
public record HqConfig(
    String brokerUrl,
    String brokerUser,
    Path brokerPasswordFile,
    String dbUrl,
    String dbUser,
    Path dbPasswordFile,
    Path keyDir,
    Path keyPasswordFile,
    int batchSize,
    Duration receiveTimeout,
    int ingestThreads,
    String httpBind,
    int httpPort,
    String adminUser,
    Path adminPasswordFile) {

  public static final String DEFAULT_BROKER_URL = "tcp://127.0.0.1:61616";
  public static final String DEFAULT_BROKER_USER = "hq";
  public static final String DEFAULT_DB_URL =
      "jdbc:h2:file:./hq-data/hq;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;AUTO_SERVER=TRUE";
  public static final String DEFAULT_DB_USER = "sa";
  public static final String DEFAULT_KEY_DIR = "hq-keys";
  public static final int DEFAULT_BATCH_SIZE = 64;
  public static final int MAX_BATCH_SIZE = 1000;
  public static final Duration DEFAULT_RECEIVE_TIMEOUT = Duration.ofMillis(200);
  public static final int MAX_INGEST_THREADS = 64;
  public static final String DEFAULT_HTTP_BIND = "127.0.0.1";
  public static final String DEFAULT_ADMIN_USER = "admin";

  /**
   * Each setting: its key in the properties file and the environment variable that overrides it.
   */
  enum Setting {
    BROKER_URL("broker.url", "OUTPOST_BROKER_URL"),
    BROKER_USER("broker.user", "OUTPOST_BROKER_USER"),
    BROKER_PASSWORD_FILE("broker.password-file", "OUTPOST_BROKER_PASSWORD_FILE"),
    DB_URL("db.url", "OUTPOST_DB_URL"),
    DB_USER("db.user", "OUTPOST_DB_USER"),
    DB_PASSWORD_FILE("db.password-file", "OUTPOST_DB_PASSWORD_FILE"),
    KEY_DIR("key.dir", "OUTPOST_KEY_DIR"),
    KEY_PASSWORD_FILE("key.password-file", "OUTPOST_KEY_PASSWORD_FILE"),
    BATCH_SIZE("ingest.batch-size", "OUTPOST_INGEST_BATCH_SIZE"),
    RECEIVE_TIMEOUT_MS("ingest.receive-timeout-ms", "OUTPOST_INGEST_RECEIVE_TIMEOUT_MS"),
    INGEST_THREADS("ingest.threads", "OUTPOST_INGEST_THREADS"),
    HTTP_BIND("http.bind", "OUTPOST_HTTP_BIND"),
    HTTP_PORT("http.port", "OUTPOST_HTTP_PORT"),
    ADMIN_USER("admin.user", "OUTPOST_ADMIN_USER"),
    ADMIN_PASSWORD_FILE("admin.password-file", "OUTPOST_ADMIN_PASSWORD_FILE");

    final String key;
    final String variable;

    Setting(String key, String variable) {
      this.key = key;
      this.variable = variable;
    }
  }

  public HqConfig {
    Objects.requireNonNull(brokerUrl, "brokerUrl");
    Objects.requireNonNull(brokerUser, "brokerUser");
    Objects.requireNonNull(dbUrl, "dbUrl");
    Objects.requireNonNull(keyDir, "keyDir");
    Objects.requireNonNull(receiveTimeout, "receiveTimeout");
    if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
      throw new IllegalArgumentException("batchSize must be 1 to " + MAX_BATCH_SIZE);
    }
    if (ingestThreads < 1 || ingestThreads > MAX_INGEST_THREADS) {
      throw new IllegalArgumentException("ingestThreads must be 1 to " + MAX_INGEST_THREADS);
    }
    Objects.requireNonNull(httpBind, "httpBind");
    Objects.requireNonNull(adminUser, "adminUser");
    if (httpPort < 0 || httpPort > 65_535) {
      throw new IllegalArgumentException("httpPort must be 0 to 65535");
    }
  }

  /** The demo's settings, relative to the working directory. */
  public static HqConfig defaults() {
    return new HqConfig(
        DEFAULT_BROKER_URL,
        DEFAULT_BROKER_USER,
        null,
        DEFAULT_DB_URL,
        DEFAULT_DB_USER,
        null,
        Path.of(DEFAULT_KEY_DIR),
        null,
        DEFAULT_BATCH_SIZE,
        DEFAULT_RECEIVE_TIMEOUT,
        defaultIngestThreads(),
        DEFAULT_HTTP_BIND,
        0,
        DEFAULT_ADMIN_USER,
        null);
  }

  /**
   * One verifying thread per processor: verification is CPU-bound (an RSA private-key operation per
   * closing), so more threads than processors would only add switching.
   */
  public static int defaultIngestThreads() {
    return Math.min(Runtime.getRuntime().availableProcessors(), MAX_INGEST_THREADS);
  }

  /**
   * Loads the settings.
   *
   * @param file the properties file, or null for defaults and environment only
   * @param environment the process environment (variables named in {@link Setting})
   * @throws HqException CONFIG naming the setting or variable whose value is wrong
   */
  public static HqConfig load(Path file, Map<String, String> environment) throws HqException {
    Map<Setting, Source> values = new LinkedHashMap<>();
    if (file != null) {
      // Relative paths in a file are relative to that file, so that it can travel with them.
      Path fileBase = file.toAbsolutePath().getParent();
      Properties properties = read(file);
      Set<String> unknown = new TreeSet<>(properties.stringPropertyNames());
      for (Setting setting : Setting.values()) {
        unknown.remove(setting.key);
        String value = properties.getProperty(setting.key);
        if (value != null) {
          values.put(
              setting, new Source(value.trim(), "'" + setting.key + "' in " + file, fileBase));
        }
      }
      if (!unknown.isEmpty()) {
        throw config(
            file + " has unknown setting(s) " + unknown + "; known settings: " + knownKeys());
      }
    }
    for (Setting setting : Setting.values()) {
      String value = environment.get(setting.variable);
      if (value != null && !value.isBlank()) {
        values.put(setting, new Source(value.trim(), setting.variable, Path.of("")));
      }
    }
    return resolve(values);
  }

  /** Where one value came from, for error messages. */
  private record Source(String value, String origin, Path base) {}

  private static HqConfig resolve(Map<Setting, Source> values) throws HqException {
    HqConfig defaults = defaults();
    Source brokerUrl = values.get(Setting.BROKER_URL);
    Source brokerUser = values.get(Setting.BROKER_USER);
    Source dbUrl = values.get(Setting.DB_URL);
    Source dbUser = values.get(Setting.DB_USER);
    Source keyDir = values.get(Setting.KEY_DIR);
    Source httpBind = values.get(Setting.HTTP_BIND);
    Source adminUser = values.get(Setting.ADMIN_USER);
    return new HqConfig(
        brokerUrl == null ? defaults.brokerUrl() : checkBrokerUrl(brokerUrl),
        brokerUser == null ? defaults.brokerUser() : checkNotEmpty(brokerUser),
        readableFile(values.get(Setting.BROKER_PASSWORD_FILE)),
        dbUrl == null ? defaults.dbUrl() : checkDbUrl(dbUrl),
        dbUser == null ? defaults.dbUser() : checkNotEmpty(dbUser),
        readableFile(values.get(Setting.DB_PASSWORD_FILE)),
        keyDir == null ? defaults.keyDir() : path(keyDir),
        readableFile(values.get(Setting.KEY_PASSWORD_FILE)),
        integer(values.get(Setting.BATCH_SIZE), defaults.batchSize(), 1, MAX_BATCH_SIZE),
        Duration.ofMillis(
            integer(
                values.get(Setting.RECEIVE_TIMEOUT_MS),
                (int) defaults.receiveTimeout().toMillis(),
                10,
                60_000)),
        integer(
            values.get(Setting.INGEST_THREADS), defaults.ingestThreads(), 1, MAX_INGEST_THREADS),
        httpBind == null ? defaults.httpBind() : checkNotEmpty(httpBind),
        integer(values.get(Setting.HTTP_PORT), defaults.httpPort(), 0, 65_535),
        adminUser == null ? defaults.adminUser() : checkNotEmpty(adminUser),
        readableFile(values.get(Setting.ADMIN_PASSWORD_FILE)));
  }

  private static String checkBrokerUrl(Source source) throws HqException {
    try {
      URI uri = new URI(source.value());
      String scheme = uri.getScheme();
      if ("vm".equals(scheme)) {
        return source.value();
      }
      if (!"tcp".equals(scheme) || uri.getHost() == null || uri.getPort() < 1) {
        throw wrong(source, "a broker URL like tcp://HOST:PORT (Artemis core protocol)");
      }
      checkTls(source, uri.getRawQuery());
      return source.value();
    } catch (URISyntaxException e) {
      throw wrong(source, "a broker URL like tcp://HOST:PORT (" + e.getMessage() + ")");
    }
  }

  /**
   * Artemis takes TLS from the URL's parameters, where a typo means a connection in clear text or
   * one that trusts nothing: so TLS is checked here, naming the setting but not echoing the URL.
   */
  private static void checkTls(Source source, String query) throws HqException {
    Map<String, String> parameters = new LinkedHashMap<>();
    if (query != null) {
      for (String pair : query.split("[;&]")) {
        int equals = pair.indexOf('=');
        if (equals > 0) {
          parameters.put(pair.substring(0, equals), pair.substring(equals + 1));
        }
      }
    }
    String enabled = parameters.get("sslEnabled");
    if (enabled != null && !enabled.equals("true") && !enabled.equals("false")) {
      throw config(source.origin() + " has sslEnabled=" + enabled + "; expected true or false");
    }
    String trustStore = parameters.get("trustStorePath");
    if (!"true".equals(enabled)) {
      if (trustStore != null) {
        throw config(
            source.origin()
                + " names a trustStorePath without sslEnabled=true, so the broker connection would"
                + " not be encrypted; add sslEnabled=true");
      }
      return;
    }
    if (trustStore == null) {
      throw config(
          source.origin()
              + " has sslEnabled=true but no trustStorePath; name the PKCS#12 file that holds the"
              + " broker's certificate (broker-config/README.md, section TLS)");
    }
    Path file;
    try {
      file = Path.of(trustStore);
    } catch (java.nio.file.InvalidPathException e) {
      throw config(source.origin() + " has a trustStorePath that is not a file system path");
    }
    if (!file.isAbsolute() || !Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw config(
          source.origin()
              + " has trustStorePath "
              + trustStore
              + ", which is not an absolute path to a readable file");
    }
  }

  private static String checkDbUrl(Source source) throws HqException {
    String url = source.value();
    if (!url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:postgresql:")) {
      throw config(
          source.origin()
              + " is '"
              + Database.redact(url)
              + "'; expected a JDBC URL starting with jdbc:h2: or jdbc:postgresql:");
    }
    return url;
  }

  private static String checkNotEmpty(Source source) throws HqException {
    if (source.value().isEmpty()) {
      throw wrong(source, "a non-empty value");
    }
    return source.value();
  }

  private static Path path(Source source) throws HqException {
    try {
      return source.base().resolve(source.value());
    } catch (java.nio.file.InvalidPathException e) {
      throw wrong(source, "a file system path");
    }
  }

  private static Path readableFile(Source source) throws HqException {
    if (source == null) {
      return null;
    }
    Path file = path(source);
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new HqException(
          HqException.Reason.CONFIG,
          source.origin() + " names " + file + ", which is not a readable file");
    }
    return file;
  }

  private static int integer(Source source, int fallback, int min, int max) throws HqException {
    if (source == null) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(source.value());
      if (value < min || value > max) {
        throw wrong(source, "a whole number from " + min + " to " + max);
      }
      return value;
    } catch (NumberFormatException e) {
      throw wrong(source, "a whole number from " + min + " to " + max);
    }
  }

  private static Properties read(Path file) throws HqException {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException e) {
      throw config("cannot read the configuration file " + file + ": " + e.getMessage());
    }
    return properties;
  }

  private static String knownKeys() {
    Set<String> keys = new TreeSet<>();
    for (Setting setting : Setting.values()) {
      keys.add(setting.key);
    }
    return String.join(", ", keys);
  }

  private static HqException wrong(Source source, String expected) {
    // Values are echoed: none of them is a secret (only the files that hold secrets are settings;
    // a database URL, which may carry a password, is redacted where it is echoed).
    return config(source.origin() + " is '" + source.value() + "'; expected " + expected);
  }

  private static HqException config(String message) {
    return new HqException(HqException.Reason.CONFIG, message);
  }
}
