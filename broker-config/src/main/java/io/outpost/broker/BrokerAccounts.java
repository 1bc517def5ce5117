package io.outpost.broker;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The broker logins of one instance: one per outlet, HQ's and the admins', each with a hashed
 * password, and for each outlet its inbox and its permissions.
 *
 * <p>It edits the instance's {@code etc/artemis-users.properties} (hashes only, owner-only), {@code
 * etc/artemis-roles.properties} and {@code etc/broker.properties}; a running broker picks the
 * changes up by itself. An outlet's role is named like the outlet id and may only send to {@code
 * outpost.closings} and {@code outpost.menu.requests} and consume its own inbox. Every method that
 * takes a password clears the array before it returns.
 */
public final class BrokerAccounts {

  /** The role of HQ's logins. */
  public static final String HQ_ROLE = "hq";

  /** The role of the admins' logins (management, console, DLQ and quarantine). */
  public static final String ADMIN_ROLE = "admin";

  /** Iterations of PBKDF2 for new hashes unless the caller chooses. */
  public static final int DEFAULT_HASH_ITERATIONS = PasswordHashes.DEFAULT_ITERATIONS;

  /** Login names and outlet ids: the party-id rule of Outpost. */
  private static final Pattern VALID_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  private static final Set<String> RESERVED = Set.of(HQ_ROLE, ADMIN_ROLE);
  private static final Object JVM_LOCK = new Object();

  private final Path etc;
  private final int hashIterations;

  private BrokerAccounts(Path etc, int hashIterations) {
    this.etc = etc;
    this.hashIterations = hashIterations;
  }

  /** Opens the accounts of an instance prepared by {@link BrokerConfig#initInstance}. */
  public static BrokerAccounts open(Path instanceDir) throws BrokerException {
    return open(instanceDir, DEFAULT_HASH_ITERATIONS);
  }

  /**
   * Opens the accounts of an instance, hashing new passwords with {@code hashIterations} rounds (at
   * least 10,000).
   */
  public static BrokerAccounts open(Path instanceDir, int hashIterations) throws BrokerException {
    PasswordHashes.checkIterations(hashIterations);
    Path etc = BrokerConfig.etcDir(instanceDir);
    for (String name : BrokerConfig.INSTANCE_FILES) {
      InstanceFiles.readText(etc.resolve(name));
    }
    requireHashedPasswords(etc);
    return new BrokerAccounts(etc, hashIterations);
  }

  /** Adds an outlet: its login and role, its inbox queue and its permissions. */
  public void addOutlet(String outletId, char[] password) throws BrokerException {
    try {
      checkName(outletId, "outlet id");
      if (RESERVED.contains(outletId)) {
        throw new BrokerException(
            BrokerException.Reason.INVALID_ARGUMENT, "'" + outletId + "' is a reserved role name");
      }
      String hash = PasswordHashes.hash(password, hashIterations);
      edit(
          (users, roles) -> {
            requireNewLogin(outletId, users, roles);
            users.put(outletId, hash);
            roles.put(outletId, outletId);
          });
    } finally {
      clear(password);
    }
  }

  /**
   * Removes an outlet's login, role, permissions and inbox. A running broker drops the inbox and
   * the permissions at its next configuration reload (5 s) and refuses the login once its cached
   * login expires (10 s), open connections included.
   */
  public void removeOutlet(String outletId) throws BrokerException {
    checkName(outletId, "outlet id");
    edit(
        (users, roles) -> {
          if (!outletsOf(roles).contains(outletId)) {
            throw new BrokerException(
                BrokerException.Reason.UNKNOWN_ACCOUNT, "no outlet '" + outletId + "'");
          }
          users.remove(outletId);
          roles.remove(outletId);
        });
  }

  /** Adds a login with the {@value #HQ_ROLE} role. */
  public void addHq(String user, char[] password) throws BrokerException {
    addMember(HQ_ROLE, user, password);
  }

  /** Adds a login with the {@value #ADMIN_ROLE} role. */
  public void addAdmin(String user, char[] password) throws BrokerException {
    addMember(ADMIN_ROLE, user, password);
  }

  /** Removes an HQ or admin login; outlets leave through {@link #removeOutlet}. */
  public void removeUser(String user) throws BrokerException {
    checkName(user, "user");
    edit(
        (users, roles) -> {
          if (outletsOf(roles).contains(user)) {
            throw new BrokerException(
                BrokerException.Reason.INVALID_ARGUMENT,
                "'" + user + "' is an outlet; remove it with remove-outlet");
          }
          if (users.remove(user) == null) {
            throw new BrokerException(
                BrokerException.Reason.UNKNOWN_ACCOUNT, "no login '" + user + "'");
          }
          for (String role : RESERVED) {
            Set<String> members = parseMembers(roles.get(role));
            if (members.remove(user)) {
              putMembers(roles, role, members);
            }
          }
        });
  }

  /** Replaces the password of an existing login. */
  public void setPassword(String user, char[] password) throws BrokerException {
    try {
      checkName(user, "user");
      String hash = PasswordHashes.hash(password, hashIterations);
      edit(
          (users, roles) -> {
            if (!users.containsKey(user)) {
              throw new BrokerException(
                  BrokerException.Reason.UNKNOWN_ACCOUNT, "no login '" + user + "'");
            }
            users.put(user, hash);
          });
    } finally {
      clear(password);
    }
  }

  /** The outlets that have a login, sorted. */
  public SortedSet<String> outlets() throws BrokerException {
    return Collections.unmodifiableSortedSet(
        outletsOf(InstanceFiles.readProperties(etc.resolve(BrokerConfig.ROLES_FILE)).entries()));
  }

  /** The logins that hold {@code role}, sorted. */
  public SortedSet<String> members(String role) throws BrokerException {
    SortedMap<String, String> roles =
        InstanceFiles.readProperties(etc.resolve(BrokerConfig.ROLES_FILE)).entries();
    return Collections.unmodifiableSortedSet(new TreeSet<>(parseMembers(roles.get(role))));
  }

  /**
   * Refuses an instance whose users file holds anything but hashes: the login module would accept a
   * plain password as it is.
   */
  static void requireHashedPasswords(Path etc) throws BrokerException {
    Path file = etc.resolve(BrokerConfig.USERS_FILE);
    for (Map.Entry<String, String> entry :
        InstanceFiles.readProperties(file).entries().entrySet()) {
      if (!PasswordHashes.isHashed(entry.getValue())) {
        throw new BrokerException(
            BrokerException.Reason.CORRUPT_FILE,
            file + " holds a password for '" + entry.getKey() + "' that is not an ENC(...) hash");
      }
    }
  }

  private void addMember(String role, String user, char[] password) throws BrokerException {
    try {
      checkName(user, "user");
      String hash = PasswordHashes.hash(password, hashIterations);
      edit(
          (users, roles) -> {
            requireNewLogin(user, users, roles);
            users.put(user, hash);
            Set<String> members = parseMembers(roles.get(role));
            members.add(user);
            putMembers(roles, role, members);
          });
    } finally {
      clear(password);
    }
  }

  /** One change to the users and roles, then {@code broker.properties} derived from the roles. */
  @FunctionalInterface
  private interface Change {
    void apply(SortedMap<String, String> users, SortedMap<String, String> roles)
        throws BrokerException;
  }

  private void edit(Change change) throws BrokerException {
    Path usersFile = etc.resolve(BrokerConfig.USERS_FILE);
    Path rolesFile = etc.resolve(BrokerConfig.ROLES_FILE);
    Path outletsFile = etc.resolve(BrokerConfig.OUTLETS_FILE);
    synchronized (JVM_LOCK) {
      try (FileChannel lockFile =
          FileChannel.open(
              etc.resolve(".accounts.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
        // Released when the channel closes; other processes provisioning the same instance wait.
        lockFile.lock();
        InstanceFiles.PropertiesFile users = InstanceFiles.readProperties(usersFile);
        InstanceFiles.PropertiesFile roles = InstanceFiles.readProperties(rolesFile);
        List<String> outletsHeader = InstanceFiles.readProperties(outletsFile).header();
        SortedMap<String, String> newUsers = new TreeMap<>(users.entries());
        SortedMap<String, String> newRoles = new TreeMap<>(roles.entries());
        change.apply(newUsers, newRoles);
        SortedSet<String> before = outletsOf(roles.entries());
        SortedSet<String> after = outletsOf(newRoles);
        String outletsText = OutletSettings.render(outletsHeader, after);
        // Grant before the login exists, and revoke the login before the grants go.
        if (after.containsAll(before)) {
          InstanceFiles.write(outletsFile, outletsText, InstanceFiles.PUBLIC);
        }
        InstanceFiles.write(
            usersFile,
            new InstanceFiles.PropertiesFile(users.header(), newUsers).render(),
            InstanceFiles.OWNER_ONLY);
        InstanceFiles.write(
            rolesFile,
            new InstanceFiles.PropertiesFile(roles.header(), newRoles).render(),
            InstanceFiles.PUBLIC);
        if (!after.containsAll(before)) {
          InstanceFiles.write(outletsFile, outletsText, InstanceFiles.PUBLIC);
        }
      } catch (IOException e) {
        throw new BrokerException(BrokerException.Reason.IO, "cannot lock " + etc, e);
      }
    }
  }

  private static SortedSet<String> outletsOf(Map<String, String> roles) {
    SortedSet<String> outlets = new TreeSet<>(roles.keySet());
    outlets.removeAll(RESERVED);
    return outlets;
  }

  private static Set<String> parseMembers(String list) {
    Set<String> members = new LinkedHashSet<>();
    if (list != null) {
      for (String member : list.split(",")) {
        if (!member.isBlank()) {
          members.add(member.strip());
        }
      }
    }
    return members;
  }

  private static void putMembers(Map<String, String> roles, String role, Set<String> members) {
    if (members.isEmpty()) {
      roles.remove(role);
    } else {
      roles.put(role, String.join(",", new TreeSet<>(members)));
    }
  }

  private static void requireNewLogin(
      String user, Map<String, String> users, Map<String, String> roles) throws BrokerException {
    if (users.containsKey(user) || outletsOf(roles).contains(user)) {
      throw new BrokerException(
          BrokerException.Reason.ALREADY_EXISTS, "login '" + user + "' exists already");
    }
  }

  private static void checkName(String name, String what) throws BrokerException {
    if (name == null || !VALID_NAME.matcher(name).matches()) {
      throw new BrokerException(
          BrokerException.Reason.INVALID_ARGUMENT,
          what
              + " '"
              + name
              + "' is not valid; use 1 to 63 lower-case letters, digits and '-', starting with a"
              + " letter or digit");
    }
  }

  private static void clear(char[] password) {
    if (password != null) {
      Arrays.fill(password, '\0');
    }
  }
}
