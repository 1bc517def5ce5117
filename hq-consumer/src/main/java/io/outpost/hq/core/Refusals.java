package io.outpost.hq.core;

import io.outpost.message.SecureMessageException;

/** Reason codes and operator details for messages HQ refuses. */
final class Refusals {

  /** The validated broker user and the signer differ, or the broker named no user at all. */
  static final String SENDER_MISMATCH = SecureMessageException.Reason.SENDER_MISMATCH.name();

  /** Not a bytes message: nothing HQ could verify. */
  static final String MALFORMED = SecureMessageException.Reason.MALFORMED.name();

  private static final int MAX_DETAIL = 400;

  private Refusals() {}

  /** One line, bounded, so that a message property and a log line stay readable. */
  static String detail(String text) {
    String line = text == null ? "" : text.replaceAll("\\s*\\R\\s*", " ");
    return line.length() <= MAX_DETAIL ? line : line.substring(0, MAX_DETAIL) + "...";
  }

  /**
   * Checks that the broker-validated login is the party that signed.
   *
   * @return the refusal detail, or null when they bind
   */
  static String unbound(String validatedUser, String signerId, String payloadFrom, String what) {
    if (validatedUser == null) {
      return "the broker named no validated user for this "
          + what
          + "; enable populate-validated-user on the broker";
    }
    if (!validatedUser.equals(signerId)) {
      return "broker login '"
          + validatedUser
          + "' sent a "
          + what
          + " signed by '"
          + signerId
          + "'";
    }
    if (!signerId.equals(payloadFrom)) {
      return what + " signed by '" + signerId + "' claims to be from '" + payloadFrom + "'";
    }
    return null;
  }
}
