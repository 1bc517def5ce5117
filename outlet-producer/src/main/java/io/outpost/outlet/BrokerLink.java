package io.outpost.outlet;

import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/** The outlet's way to the broker (outbound port): durable sends and the outlet's own inbox. */
public interface BrokerLink {

  /**
   * Connects, retrying with back-off within the configured bounds.
   *
   * @throws OutletException OFFLINE when the broker stays unreachable
   */
  Session connect() throws OutletException;

  /** One connection to the broker; close it to release it. */
  interface Session extends AutoCloseable {

    /**
     * Sends a persistent message whose duplicate id is its message id; returns once the broker has
     * stored it. Sending the same message again is safe: the broker drops the duplicate.
     */
    void send(OutgoingMessage message) throws OutletException;

    /**
     * Waits up to {@code timeout} for the next inbox message of {@code type} and hands it over. The
     * message leaves the inbox only when the handler returns true; when it returns false or throws,
     * it stays for a later run.
     *
     * @return false when no message came in time
     */
    boolean receive(String type, Duration timeout, InboxHandler handler) throws OutletException;

    @Override
    void close();
  }

  /** Decides what happens to one inbox message. */
  @FunctionalInterface
  interface InboxHandler {
    /** Returns true when the message was dealt with and may leave the inbox. */
    boolean handle(IncomingMessage message) throws OutletException;
  }

  /** A message to HQ: routing facts and the sealed or signed body, nothing else. */
  record OutgoingMessage(
      String address, String type, UUID messageId, String correlationId, byte[] body) {
    public OutgoingMessage {
      Objects.requireNonNull(address, "address");
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(messageId, "messageId");
      Objects.requireNonNull(body, "body");
    }
  }

  /** A message from the outlet's inbox, not yet verified. */
  record IncomingMessage(String type, String correlationId, byte[] body) {
    public IncomingMessage {
      Objects.requireNonNull(body, "body");
    }
  }
}
