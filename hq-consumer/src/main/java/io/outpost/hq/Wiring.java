package io.outpost.hq;

import io.outpost.hq.core.HqException;
import io.outpost.hq.jdbc.Database;
import io.outpost.hq.jms.JmsBroker;
import io.outpost.hq.keys.HqKeyring;
import io.outpost.hq.ops.BrokerLogin;
import io.outpost.hq.ops.OpsSettings;
import io.outpost.keystore.Identity;
import io.outpost.keystore.KeyFiles;
import io.outpost.keystore.KeystoreException;
import io.outpost.keystore.Passwords;
import io.outpost.keystore.TrustDirectory;
import io.outpost.keystore.TrustStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Turns HQ's configuration into the settings and keys the components are built from. */
final class Wiring {

  private Wiring() {}

  static HqService.Settings serviceSettings(HqConfig config) throws HqException {
    return new HqService.Settings(
        brokerSettings(config),
        databaseSettings(config),
        config.batchSize(),
        config.receiveTimeout(),
        opsSettings(config),
        config.ingestThreads());
  }

  /** The status page, health and metrics port; null when http.port is 0. */
  static OpsSettings opsSettings(HqConfig config) throws HqException {
    if (config.httpPort() == 0) {
      return null;
    }
    return new OpsSettings(
        config.httpBind(),
        config.httpPort(),
        adminLogin(config),
        config.keyDir(),
        OpsSettings.DEFAULT_REFRESH,
        ZoneId.systemDefault());
  }

  /** The broker's admin login, or null when admin.password-file is not set. */
  static BrokerLogin adminLogin(HqConfig config) throws HqException {
    if (config.adminPasswordFile() == null) {
      return null;
    }
    return new BrokerLogin(
        config.brokerUrl(), config.adminUser(), secret(config.adminPasswordFile()));
  }

  /** The admin login, for the commands that cannot work without it. */
  static BrokerLogin requireAdminLogin(HqConfig config, String what) throws HqException {
    BrokerLogin admin = adminLogin(config);
    if (admin == null) {
      throw new HqException(
          HqException.Reason.CONFIG,
          what
              + " needs the broker's admin login: set admin.password-file (or"
              + " OUTPOST_ADMIN_PASSWORD_FILE) to a file holding the password of admin.user ("
              + config.adminUser()
              + ")");
    }
    return admin;
  }

  /** HQ's own broker login. */
  static BrokerLogin hqLogin(HqConfig config) throws HqException {
    return new BrokerLogin(
        config.brokerUrl(), config.brokerUser(), secret(config.brokerPasswordFile()));
  }

  static JmsBroker.Settings brokerSettings(HqConfig config) throws HqException {
    return new JmsBroker.Settings(
        config.brokerUrl(), config.brokerUser(), secret(config.brokerPasswordFile()));
  }

  static Database.Settings databaseSettings(HqConfig config) throws HqException {
    String password = secret(config.dbPasswordFile());
    return new Database.Settings(config.dbUrl(), config.dbUser(), password == null ? "" : password);
  }

  static Database openDatabase(HqConfig config) throws HqException {
    return Database.open(databaseSettings(config));
  }

  /** HQ's identity; the password comes from key.password-file, the environment or the terminal. */
  static Identity identity(HqConfig config, Passwords passwords) throws HqException {
    char[] password = keyPassword(config, passwords);
    try {
      return KeyFiles.load(config.keyDir(), password);
    } catch (KeystoreException e) {
      throw keys(e);
    }
  }

  /**
   * HQ's keys over time ({@link HqKeyring}): the identity in key.dir, its next/ and previous/ ones,
   * all with the same password, and the pinned certificates watched for changes.
   */
  static HqKeyring keyring(HqConfig config, Passwords passwords, Clock clock) throws HqException {
    char[] password = keyPassword(config, passwords);
    try {
      return HqKeyring.load(
          config.keyDir(), password::clone, clock, HqKeyring.TRUST_CHECK_INTERVAL);
    } catch (KeystoreException e) {
      throw keys(e);
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  /** The private key's password, asked for only once the identity is known to exist. */
  private static char[] keyPassword(HqConfig config, Passwords passwords) throws HqException {
    // A missing identity is reported as such, before anyone is asked for a password.
    ownCertificate(config.keyDir());
    try {
      return passwords.forExistingKey(Optional.ofNullable(config.keyPasswordFile()));
    } catch (KeystoreException e) {
      if (e.reason() != KeystoreException.Reason.NO_PASSWORD) {
        throw keys(e);
      }
      throw new HqException(
          HqException.Reason.KEYS,
          "no password for HQ's private key in "
              + config.keyDir()
              + ": set key.password-file (or OUTPOST_KEY_PASSWORD_FILE) to a file holding it, set "
              + Passwords.ENVIRONMENT_VARIABLE
              + ", or run the command in a terminal",
          e);
    }
  }

  static TrustStore trust(Path keyDir) throws HqException {
    try {
      return TrustDirectory.load(keyDir);
    } catch (KeystoreException e) {
      throw keys(e);
    }
  }

  static X509Certificate ownCertificate(Path keyDir) throws HqException {
    try {
      return KeyFiles.readIdentityCertificate(keyDir);
    } catch (KeystoreException e) {
      throw keys(e);
    }
  }

  /** The first line of a password file, or null when no file is configured. */
  private static String secret(Path file) throws HqException {
    if (file == null) {
      return null;
    }
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      return lines.isEmpty() ? "" : lines.get(0);
    } catch (IOException e) {
      throw new HqException(
          HqException.Reason.CONFIG,
          "cannot read the password file " + file + ": " + e.getMessage(),
          e);
    }
  }

  private static HqException keys(KeystoreException e) {
    return new HqException(HqException.Reason.KEYS, e.getMessage(), e);
  }
}
