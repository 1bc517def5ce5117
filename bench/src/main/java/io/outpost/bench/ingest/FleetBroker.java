package io.outpost.bench.ingest;

import io.outpost.broker.BrokerAccounts;
import io.outpost.broker.BrokerConfig;
import io.outpost.broker.BrokerException;
import io.outpost.broker.EmbeddedBroker;
import io.outpost.hq.HqConfig;
import io.outpost.hq.HqService;
import io.outpost.hq.jdbc.Database;
import io.outpost.hq.jms.JmsBroker;
import java.nio.file.Path;

/**
 * A fresh in-JVM broker from broker-config/, with a login for HQ and one for each outlet of a
 * {@link Backlog}, as an operator would provision them; and the settings HQ connects with.
 */
public final class FleetBroker implements AutoCloseable {

  // The accounts' minimum: the production count would make each run's provisioning slow.
  private static final int HASH_ITERATIONS = 10_000;

  private final EmbeddedBroker broker;
  private final Backlog fleet;

  private FleetBroker(EmbeddedBroker broker, Backlog fleet) {
    this.broker = broker;
    this.fleet = fleet;
  }

  /** Starts a broker whose instance lives in {@code instance}, a directory not yet in use. */
  public static FleetBroker start(Path instance, Backlog fleet) throws BrokerException {
    Path config = BrokerConfig.locate();
    BrokerConfig.initInstance(config, instance);
    BrokerAccounts accounts = BrokerAccounts.open(instance, HASH_ITERATIONS);
    accounts.addHq(Backlog.HQ_ID, fleet.password(-1).toCharArray());
    for (int i = 0; i < fleet.outlets().size(); i++) {
      accounts.addOutlet(fleet.outlets().get(i).id(), fleet.password(i).toCharArray());
    }
    return new FleetBroker(EmbeddedBroker.start(config, instance, 0), fleet);
  }

  public String url() {
    return broker.url();
  }

  /** HQ's production settings against this broker and {@code database}. */
  public HqService.Settings hqSettings(Database.Settings database, int ingestThreads) {
    return new HqService.Settings(
        new JmsBroker.Settings(broker.url(), Backlog.HQ_ID, fleet.password(-1)),
        database,
        HqConfig.DEFAULT_BATCH_SIZE,
        HqConfig.DEFAULT_RECEIVE_TIMEOUT,
        null,
        ingestThreads);
  }

  @Override
  public void close() throws BrokerException {
    broker.close();
  }
}
