package io.outpost.broker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/**
 * Where Outpost's broker configuration lives, and how a broker instance gets its own copy of the
 * files that provisioning edits.
 *
 * <p>{@code broker-config/} in the repository holds {@code broker.xml} and the templates of the
 * login files and of {@code broker.properties}. A broker instance (the in-JVM broker's data
 * directory, or a broker made by {@code make-broker}) keeps the edited copies in its {@code etc/}.
 */
public final class BrokerConfig {

  /** Environment variable naming the configuration directory. */
  public static final String CONFIG_ENV = "OUTPOST_BROKER_CONFIG";

  /** System property naming the configuration directory; wins over the environment. */
  public static final String CONFIG_PROPERTY = "outpost.broker.config";

  static final String BROKER_XML = "broker.xml";
  static final String LOGIN_CONFIG = "login.config";
  static final String USERS_FILE = "artemis-users.properties";
  static final String ROLES_FILE = "artemis-roles.properties";
  static final String OUTLETS_FILE = "broker.properties";

  /** The files an instance copies once and provisioning then edits. */
  static final List<String> INSTANCE_FILES =
      List.of(LOGIN_CONFIG, USERS_FILE, ROLES_FILE, OUTLETS_FILE);

  private static final String DIRECTORY_NAME = "broker-config";

  private BrokerConfig() {}

  /**
   * Finds the configuration directory: the system property {@value #CONFIG_PROPERTY}, else the
   * environment variable {@value #CONFIG_ENV}, else the first {@code broker-config/broker.xml}
   * found walking up from the working directory.
   */
  public static Path locate() throws BrokerException {
    String named = System.getProperty(CONFIG_PROPERTY);
    if (named == null || named.isBlank()) {
      named = System.getenv(CONFIG_ENV);
    }
    if (named != null && !named.isBlank()) {
      Path dir = Paths.get(named).toAbsolutePath().normalize();
      requireConfigDir(dir);
      return dir;
    }
    Path start = Paths.get("").toAbsolutePath().normalize();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (dir.getFileName() != null
          && dir.getFileName().toString().equals(DIRECTORY_NAME)
          && Files.isRegularFile(dir.resolve(BROKER_XML))) {
        return dir;
      }
      Path candidate = dir.resolve(DIRECTORY_NAME);
      if (Files.isRegularFile(candidate.resolve(BROKER_XML))) {
        return candidate;
      }
    }
    throw new BrokerException(
        BrokerException.Reason.MISSING_FILE,
        "no broker-config/broker.xml above "
            + start
            + "; set "
            + CONFIG_ENV
            + " or -D"
            + CONFIG_PROPERTY);
  }

  /** The directory of an instance that holds its login files and {@code broker.properties}. */
  public static Path etcDir(Path instanceDir) {
    return instanceDir.resolve("etc");
  }

  /**
   * Gives {@code instanceDir/etc} a copy of each template it lacks; files already there are kept,
   * so provisioning survives a restart. The users file is made owner-only.
   */
  public static void initInstance(Path configDir, Path instanceDir) throws BrokerException {
    requireConfigDir(configDir);
    Path etc = etcDir(instanceDir);
    try {
      Files.createDirectories(etc);
      for (String name : INSTANCE_FILES) {
        Path target = etc.resolve(name);
        if (Files.exists(target)) {
          continue;
        }
        byte[] template = Files.readAllBytes(configDir.resolve(name));
        InstanceFiles.replace(
            target,
            template,
            name.equals(USERS_FILE) ? InstanceFiles.OWNER_ONLY : InstanceFiles.PUBLIC);
      }
    } catch (IOException e) {
      throw new BrokerException(
          BrokerException.Reason.IO, "cannot prepare the broker instance " + etc, e);
    }
  }

  static void requireConfigDir(Path dir) throws BrokerException {
    for (String name : List.of(BROKER_XML, LOGIN_CONFIG, USERS_FILE, ROLES_FILE, OUTLETS_FILE)) {
      if (!Files.isRegularFile(dir.resolve(name))) {
        throw new BrokerException(
            BrokerException.Reason.MISSING_FILE,
            "broker configuration directory " + dir + " lacks " + name);
      }
    }
  }
}
