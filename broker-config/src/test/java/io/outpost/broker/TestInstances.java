package io.outpost.broker;

import java.nio.file.Path;

/**
 * Broker instances for the tests: HQ, an admin and two outlets with known passwords, hashed with
 * the lowest work the module accepts so that a login costs milliseconds.
 */
final class TestInstances {

  static final int ITERATIONS = 10_000;
  static final String HQ = "hq";
  static final String ADMIN = "admin";
  static final String OUTLET_A = "outlet-a";
  static final String OUTLET_B = "outlet-b";

  private TestInstances() {}

  static String password(String user) {
    return "pw-" + user + "-7f3c9e21";
  }

  static BrokerAccounts accounts(Path instanceDir) throws BrokerException {
    return BrokerAccounts.open(instanceDir, ITERATIONS);
  }

  /** Prepares {@code instanceDir} with HQ, an admin and outlets A and B. */
  static Path provision(Path instanceDir) throws BrokerException {
    BrokerConfig.initInstance(BrokerConfig.locate(), instanceDir);
    BrokerAccounts accounts = accounts(instanceDir);
    accounts.addHq(HQ, password(HQ).toCharArray());
    accounts.addAdmin(ADMIN, password(ADMIN).toCharArray());
    accounts.addOutlet(OUTLET_A, password(OUTLET_A).toCharArray());
    accounts.addOutlet(OUTLET_B, password(OUTLET_B).toCharArray());
    return instanceDir;
  }

  /** A provisioned broker on a free port. */
  static EmbeddedBroker start(Path instanceDir) throws BrokerException {
    provision(instanceDir);
    return EmbeddedBroker.start(BrokerConfig.locate(), instanceDir, 0);
  }
}
