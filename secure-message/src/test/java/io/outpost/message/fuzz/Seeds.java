package io.outpost.message.fuzz;

import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import org.junit.jupiter.params.provider.Arguments;

/**
 * Seed inputs built in code, from the fuzz parties' current keys: Jazzer runs them as regression
 * inputs and starts fuzzing from them, so no signed message has to be kept as a file.
 */
final class Seeds {

  private Seeds() {}

  /** One named seed; the name is what the test report shows for it. */
  static Arguments seed(String name, byte[] bytes) {
    return arguments(named(name, bytes));
  }
}
