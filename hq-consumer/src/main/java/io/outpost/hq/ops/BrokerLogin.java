package io.outpost.hq.ops;

import java.util.Objects;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/** A broker URL and a login; the password never appears in {@link #toString()}. */
public record BrokerLogin(String url, String user, String password) {

  public BrokerLogin {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(user, "user");
  }

  ActiveMQConnectionFactory factory() {
    ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url, user, password);
    // An operator's command or a status refresh should fail soon, not wait for the default 30 s.
    factory.setCallTimeout(10_000);
    return factory;
  }

  @Override
  public String toString() {
    return "BrokerLogin[" + url + " as " + user + "]";
  }
}
