package io.outpost.broker;

/** A command line the broker-config tool cannot run; its message says what to change. */
final class UsageException extends Exception {

  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }
}
