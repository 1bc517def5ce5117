package io.outpost.keystore.cli;

/** Messages for option values that parse but are not acceptable, shared by the commands. */
final class Usage {

  private Usage() {}

  static String notAPartyId(String option, String value) {
    return option
        + " '"
        + value
        + "' is not a party id: use 1 to 63 lower-case letters, digits and '-', starting with a"
        + " letter or digit (e.g. hq, outlet-042)";
  }

  static String notAFingerprint(String value) {
    return "--fingerprint '"
        + value
        + "' is not a SHA-256 fingerprint: give the 64 hex digits that 'keystore fingerprint'"
        + " prints (spaces and colons are fine)";
  }
}
