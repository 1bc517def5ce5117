package io.outpost.hq.core;

import io.outpost.message.SecureMessageException;
import io.outpost.message.SecureMessages;
import io.outpost.message.Verified;
import io.outpost.message.payload.Closing;
import java.util.Objects;

/**
 * HQ's keys as they are at the moment of use (outbound port): the pinned certificates change while
 * HQ runs (a revocation takes effect without a restart), and during a rotation of HQ's own key HQ
 * holds more than one private key.
 */
public interface MessageKeys {

  /** Signs with HQ's primary key and verifies against the pins as they are now. */
  SecureMessages current();

  /**
   * Opens a closing sealed for any of the keys HQ holds (the primary one, the next one that outlets
   * may already seal for, and former ones that closings sealed long ago are addressed to).
   */
  default Verified<Closing> openClosing(byte[] message) throws SecureMessageException {
    return current().openClosing(message);
  }

  /** Fixed keys: one identity and a trust store that does not change. */
  static MessageKeys of(SecureMessages messages) {
    Objects.requireNonNull(messages, "messages");
    return () -> messages;
  }
}
