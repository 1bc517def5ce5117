package io.outpost.hq.core;

import java.util.Objects;

/**
 * A message as the broker delivered it: the body and the routing properties HQ looks at.
 *
 * @param body the body's bytes (a text message's text in UTF-8; empty for other kinds)
 * @param bytesMessage whether it was a bytes message, the only kind Outpost sends
 * @param validatedUser the login the broker authenticated for the sender, or null if absent
 * @param claimedFrom the sender the message properties claim (not trusted)
 * @param type the message type property (not trusted)
 * @param duplicateId the duplicate-detection id the sender set, or null
 */
public record IncomingMessage(
    byte[] body,
    boolean bytesMessage,
    String validatedUser,
    String claimedFrom,
    String type,
    String duplicateId) {

  public IncomingMessage {
    Objects.requireNonNull(body, "body");
  }

  @Override
  public String toString() {
    return "IncomingMessage[from " + claimedFrom + " as " + validatedUser + ", " + type + "]";
  }
}
