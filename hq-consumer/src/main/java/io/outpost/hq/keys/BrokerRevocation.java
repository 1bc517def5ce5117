package io.outpost.hq.keys;

import io.outpost.hq.core.HqException;
import io.outpost.hq.ops.BrokerLogin;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.activemq.artemis.api.jms.management.JMSManagementHelper;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * Cuts a revoked outlet off at the broker, through Artemis management with the admin login: its
 * login is removed from the broker's users file (and its role with it), the broker forgets the
 * logins and permissions it cached, and the outlet's open connections are closed. From then on the
 * outlet can neither send nor read its inbox; its inbox queue and grants stay until an admin runs
 * {@code broker-config remove-outlet} on the broker host.
 */
public final class BrokerRevocation {

  /** The broker's management address (Artemis's default, which broker.xml keeps). */
  private static final String MANAGEMENT_ADDRESS = "activemq.management";

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private BrokerRevocation() {}

  /**
   * What was done.
   *
   * @param steps one line per step, for the operator
   * @param loginRemoved false when the broker could not edit its own users file (a broker whose
   *     logins are not Artemis's properties login module, such as the in-JVM test broker): then the
   *     login must be removed on the broker host
   */
  public record Outcome(List<String> steps, boolean loginRemoved) {

    public Outcome {
      steps = List.copyOf(steps);
    }
  }

  /**
   * Cuts {@code outletId} off. The caches are cleared and the connections closed even when the
   * login could not be removed, so that a removal on the broker host takes effect at once.
   *
   * @throws HqException BROKER when the broker cannot be reached or refuses a step other than the
   *     removal of the login
   */
  public static Outcome cutOff(BrokerLogin admin, String outletId) throws HqException {
    List<String> done = new ArrayList<>();
    ActiveMQConnectionFactory factory =
        new ActiveMQConnectionFactory(admin.url(), admin.user(), admin.password());
    factory.setCallTimeout(TIMEOUT.toMillis());
    try (factory;
        Connection connection = factory.createConnection()) {
      Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
      TemporaryQueue replies = session.createTemporaryQueue();
      MessageConsumer answers = session.createConsumer(replies);
      MessageProducer requests = session.createProducer(session.createQueue(MANAGEMENT_ADDRESS));
      connection.start();
      Management management = new Management(session, requests, replies, answers);
      boolean removed;
      try {
        management.invoke("removeUser", outletId);
        done.add("removed broker login " + outletId);
        removed = true;
      } catch (HqException e) {
        done.add("could not remove broker login " + outletId + ": " + e.getMessage());
        removed = false;
      }
      // Cached logins and permissions would otherwise stay valid for up to 10 s.
      management.invoke("clearAuthenticationCache");
      management.invoke("clearAuthorizationCache");
      done.add("cleared the broker's login and permission caches");
      Object closed = management.invoke("closeConnectionsForUser", outletId);
      done.add(
          Boolean.TRUE.equals(closed)
              ? "closed the open connections of " + outletId
              : outletId + " had no open connection");
      return new Outcome(done, removed);
    } catch (JMSException | RuntimeException e) {
      throw new HqException(
          HqException.Reason.BROKER,
          "cannot reach the broker at "
              + admin.url()
              + " as "
              + admin.user()
              + ": "
              + e.getMessage(),
          e);
    }
  }

  /** Broker operations, each a request on the management address answered on a temporary queue. */
  private record Management(
      Session session, MessageProducer requests, TemporaryQueue replies, MessageConsumer answers) {

    Object invoke(String operation, Object... parameters) throws HqException {
      Message reply;
      try {
        Message request = session.createMessage();
        JMSManagementHelper.putOperationInvocation(
            request, ResourceNames.BROKER, operation, parameters);
        request.setJMSReplyTo(replies);
        requests.send(request);
        reply = answers.receive(TIMEOUT.toMillis());
      } catch (Exception e) {
        throw new HqException(
            HqException.Reason.BROKER, operation + " failed at the broker: " + e.getMessage(), e);
      }
      if (reply == null) {
        throw new HqException(
            HqException.Reason.BROKER,
            "the broker did not answer " + operation + " within " + TIMEOUT.toSeconds() + " s");
      }
      try {
        if (!JMSManagementHelper.hasOperationSucceeded(reply)) {
          throw new HqException(
              HqException.Reason.BROKER,
              "the broker refused " + operation + ": " + JMSManagementHelper.getResult(reply));
        }
        return JMSManagementHelper.getResult(reply);
      } catch (HqException e) {
        throw e;
      } catch (Exception e) {
        throw new HqException(
            HqException.Reason.BROKER, "cannot read the answer to " + operation + ": " + e, e);
      }
    }
  }
}
