package io.outpost.broker;

import static io.outpost.broker.TestInstances.ADMIN;
import static io.outpost.broker.TestInstances.HQ;
import static io.outpost.broker.TestInstances.OUTLET_A;
import static io.outpost.broker.TestInstances.OUTLET_B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Provisioning as it shows in the instance's files. */
class BrokerAccountsTest {

  @TempDir Path dir;
  private Path etc;

  @BeforeEach
  void provision() throws BrokerException {
    TestInstances.provision(dir);
    etc = dir.resolve("etc");
  }

  @Test
  void addOutlet_writesHashedLoginRoleAndSettings() throws Exception {
    Properties users = load("artemis-users.properties");
    Properties roles = load("artemis-roles.properties");
    String settings = Files.readString(etc.resolve("broker.properties"));

    assertThat(users.getProperty(OUTLET_A)).startsWith("ENC(10000:");
    assertThat(
            PasswordHashes.matches(
                TestInstances.password(OUTLET_A).toCharArray(), users.getProperty(OUTLET_A)))
        .isTrue();
    assertThat(roles.getProperty(OUTLET_A)).isEqualTo(OUTLET_A);
    assertThat(roles.getProperty("hq")).isEqualTo(HQ);
    assertThat(roles.getProperty("admin")).isEqualTo(ADMIN);
    assertThat(settings)
        .contains("securityRoles.\"outpost.outlet.outlet-a.inbox\".outlet-a.consume=true")
        .contains("securityRoles.\"outpost.closings\".outlet-a.send=true")
        .contains("securityRoles.\"outpost.menu.requests\".outlet-b.send=true")
        .contains(
            "addressConfigurations.\"outpost.outlet.outlet-b.inbox\".queueConfigs."
                + "\"outpost.outlet.outlet-b.inbox\".routingType=ANYCAST")
        .doesNotContain("hq.consume")
        .doesNotContain(".outlet-a.browse");
  }

  @Test
  void files_holdNoPlainPasswordAndTheUsersFileIsOwnerOnly() throws Exception {
    List<String> failures = new ArrayList<>();
    for (String name :
        List.of("artemis-users.properties", "artemis-roles.properties", "broker.properties")) {
      String text = Files.readString(etc.resolve(name));
      for (String user : List.of(HQ, ADMIN, OUTLET_A, OUTLET_B)) {
        if (text.contains(TestInstances.password(user))) {
          failures.add(name + " holds the password of " + user);
        }
      }
    }
    assertThat(failures).isEmpty();
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(etc.resolve("artemis-users.properties"))))
        .isEqualTo("rw-------");
  }

  @Test
  void addOutlet_clearsThePassword() throws BrokerException {
    char[] password = "pw-outlet-c-0123456".toCharArray();

    TestInstances.accounts(dir).addOutlet("outlet-c", password);

    assertThat(new String(password)).isEqualTo("\0".repeat(password.length));
  }

  @Test
  void removeOutlet_dropsLoginRoleAndSettings() throws Exception {
    TestInstances.accounts(dir).removeOutlet(OUTLET_A);

    assertThat(load("artemis-users.properties")).doesNotContainKey(OUTLET_A).containsKey(OUTLET_B);
    assertThat(load("artemis-roles.properties")).doesNotContainKey(OUTLET_A);
    assertThat(Files.readString(etc.resolve("broker.properties")))
        .doesNotContain(OUTLET_A)
        .contains(OUTLET_B);
    assertThat(TestInstances.accounts(dir).outlets()).containsExactly(OUTLET_B);
  }

  @Test
  void removeOutlet_keepsTheTemplateHeaders() throws Exception {
    TestInstances.accounts(dir).removeOutlet(OUTLET_A);

    for (String name :
        List.of("artemis-users.properties", "artemis-roles.properties", "broker.properties")) {
      String template = Files.readString(BrokerConfig.locate().resolve(name));
      assertThat(Files.readString(etc.resolve(name))).as(name).startsWith(template);
    }
  }

  @Test
  void addOutlet_existingOrReservedOrInvalidId_isRefused() throws BrokerException {
    BrokerAccounts accounts = TestInstances.accounts(dir);
    List<String> failures = new ArrayList<>();
    for (String id :
        List.of(OUTLET_A, HQ, ADMIN, "Outlet-Upper", "outlet.dot", "outlet#", "-lead", "")) {
      try {
        accounts.addOutlet(id, "pw-long-enough-123".toCharArray());
        failures.add(id + " was accepted");
      } catch (BrokerException e) {
        BrokerException.Reason expected =
            id.equals(OUTLET_A)
                ? BrokerException.Reason.ALREADY_EXISTS
                : BrokerException.Reason.INVALID_ARGUMENT;
        if (e.reason() != expected) {
          failures.add(id + ": " + e.reason() + " " + e.getMessage());
        }
      }
    }
    assertThat(failures).isEmpty();
    assertThat(accounts.outlets()).containsExactly(OUTLET_A, OUTLET_B);
  }

  @Test
  void addHq_secondLoginJoinsTheRoleAndNameOfAnOutletIsRefused() throws Exception {
    BrokerAccounts accounts = TestInstances.accounts(dir);

    accounts.addHq("hq-2", "pw-hq-2-0123456789".toCharArray());

    assertThat(accounts.members("hq")).containsExactly("hq", "hq-2");
    assertThat(accounts.outlets()).containsExactly(OUTLET_A, OUTLET_B);
    assertThatThrownBy(() -> accounts.addHq(OUTLET_A, "pw-long-enough-123".toCharArray()))
        .extracting(e -> ((BrokerException) e).reason())
        .isEqualTo(BrokerException.Reason.ALREADY_EXISTS);
    assertThatThrownBy(() -> accounts.addOutlet("hq-2", "pw-long-enough-123".toCharArray()))
        .extracting(e -> ((BrokerException) e).reason())
        .isEqualTo(BrokerException.Reason.ALREADY_EXISTS);
  }

  @Test
  void removeUser_dropsAnAdminButNotAnOutlet() throws Exception {
    BrokerAccounts accounts = TestInstances.accounts(dir);

    accounts.removeUser(ADMIN);

    assertThat(load("artemis-users.properties")).doesNotContainKey(ADMIN);
    assertThat(load("artemis-roles.properties")).doesNotContainKey("admin");
    assertThatThrownBy(() -> accounts.removeUser(OUTLET_A))
        .extracting(e -> ((BrokerException) e).reason())
        .isEqualTo(BrokerException.Reason.INVALID_ARGUMENT);
    assertThatThrownBy(() -> accounts.removeUser("nobody"))
        .extracting(e -> ((BrokerException) e).reason())
        .isEqualTo(BrokerException.Reason.UNKNOWN_ACCOUNT);
    assertThatThrownBy(() -> accounts.removeOutlet("outlet-z"))
        .extracting(e -> ((BrokerException) e).reason())
        .isEqualTo(BrokerException.Reason.UNKNOWN_ACCOUNT);
  }

  @Test
  void open_usersFileWithPlainPassword_isRefused() throws Exception {
    Files.writeString(
        etc.resolve("artemis-users.properties"),
        Files.readString(etc.resolve("artemis-users.properties")) + "intruder = plain-text-pw\n");

    assertThatThrownBy(() -> BrokerAccounts.open(dir))
        .extracting(e -> ((BrokerException) e).reason())
        .isEqualTo(BrokerException.Reason.CORRUPT_FILE);
  }

  @Test
  void open_uninitialisedInstance_throwsMissingFile() {
    assertThatThrownBy(() -> BrokerAccounts.open(dir.resolve("empty")))
        .extracting(e -> ((BrokerException) e).reason())
        .isEqualTo(BrokerException.Reason.MISSING_FILE);
  }

  @Test
  void open_iterationsBelowMinimum_throwsInvalidArgument() {
    assertThatThrownBy(() -> BrokerAccounts.open(dir, 1024))
        .extracting(e -> ((BrokerException) e).reason())
        .isEqualTo(BrokerException.Reason.INVALID_ARGUMENT);
  }

  @Test
  void addAdmin_defaultIterations_storesTheStrongCount() throws Exception {
    BrokerAccounts.open(dir).addAdmin("admin-2", "pw-admin-2-0123456".toCharArray());

    assertThat(load("artemis-users.properties").getProperty("admin-2"))
        .startsWith("ENC(" + BrokerAccounts.DEFAULT_HASH_ITERATIONS + ":");
    assertThat(Arrays.asList(load("artemis-roles.properties").getProperty("admin").split(",")))
        .containsExactly(ADMIN, "admin-2");
  }

  private Properties load(String name) throws Exception {
    Properties properties = new Properties();
    try (var reader = Files.newBufferedReader(etc.resolve(name))) {
      properties.load(reader);
    }
    return properties;
  }
}
