package io.outpost.outlet;

import io.outpost.broker.BrokerAccounts;
import io.outpost.broker.BrokerConfig;
import io.outpost.broker.BrokerException;
import io.outpost.broker.EmbeddedBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The in-JVM broker loaded from broker-config/, with HQ's login and one outlet's. */
final class TestBroker implements AutoCloseable {

  /** The lowest hashing work the broker accepts, so that a login costs milliseconds. */
  private static final int HASH_ITERATIONS = 10_000;

  final EmbeddedBroker broker;
  final Path outletPasswordFile;

  private TestBroker(EmbeddedBroker broker, Path outletPasswordFile) {
    this.broker = broker;
    this.outletPasswordFile = outletPasswordFile;
  }

  static String password(String user) {
    return "pw-" + user + "-51c0ffee";
  }

  static TestBroker start(Path dir) throws Exception {
    Path instance = dir.resolve("broker");
    BrokerConfig.initInstance(BrokerConfig.locate(), instance);
    BrokerAccounts accounts = BrokerAccounts.open(instance, HASH_ITERATIONS);
    accounts.addHq(TestParties.HQ, password(TestParties.HQ).toCharArray());
    accounts.addOutlet(TestParties.OUTLET, password(TestParties.OUTLET).toCharArray());
    Path passwordFile = dir.resolve("broker-password");
    Files.writeString(passwordFile, password(TestParties.OUTLET) + "\n", StandardCharsets.UTF_8);
    return new TestBroker(EmbeddedBroker.start(BrokerConfig.locate(), instance, 0), passwordFile);
  }

  String url() {
    return broker.url();
  }

  @Override
  public void close() throws BrokerException {
    broker.close();
  }
}
