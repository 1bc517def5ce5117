package io.outpost.hq.ops;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Session;

/**
 * Whether HQ's own login reaches the broker: one connection kept open, and one round trip (a
 * session opened and closed) per check.
 */
final class BrokerProbe implements AutoCloseable {

  private final BrokerLogin login;
  private Connection connection;
  private volatile boolean broken;

  BrokerProbe(BrokerLogin login) {
    this.login = login;
  }

  synchronized HqStatus.Check check() {
    try {
      if (connection == null || broken) {
        close();
        broken = false;
        connection = login.factory().createConnection();
        connection.setExceptionListener(e -> broken = true);
      }
      connection.createSession(false, Session.AUTO_ACKNOWLEDGE).close();
      return HqStatus.Check.ok();
    } catch (JMSException | RuntimeException e) {
      close();
      return HqStatus.Check.failed(BrokerErrors.unreachable(login, e).getMessage());
    }
  }

  @Override
  public synchronized void close() {
    BrokerManagement.closeQuietly(connection);
    connection = null;
  }
}
