package io.outpost.hq.ops;

import io.outpost.hq.core.HqException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.JMSSecurityRuntimeException;

/** Broker failures worded for an operator: where, as whom, and what the broker said. */
final class BrokerErrors {

  private BrokerErrors() {}

  static HqException unreachable(BrokerLogin login, Exception e) {
    if (e instanceof JMSSecurityException || e instanceof JMSSecurityRuntimeException) {
      return new HqException(
          HqException.Reason.BROKER,
          "the broker at "
              + login.url()
              + " refused login '"
              + login.user()
              + "' or its permission: "
              + e.getMessage(),
          e);
    }
    return new HqException(
        HqException.Reason.BROKER,
        "cannot reach the broker at " + login.url() + " as " + login.user() + ": " + e.getMessage(),
        e);
  }
}
