package io.outpost.hq;

import io.outpost.hq.core.HqException;
import io.outpost.hq.jdbc.Database;
import io.outpost.hq.jms.JmsBroker;
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
        config.receiveTimeout());
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
    // A missing identity is reported as such, before anyone is asked for a password.
    ownCertificate(config.keyDir());
    char[] password;
    try {
      password = passwords.forExistingKey(Optional.ofNullable(config.keyPasswordFile()));
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
    try {
      return KeyFiles.load(config.keyDir(), password);
    } catch (KeystoreException e) {
      throw keys(e);
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
