package io.outpost.keystore;

/** PEM text for tests of corrupt key files; no key is ever written out here. */
public final class TestPem {

  private TestPem() {}

  /**
   * A PEM block labelled as an encrypted private key whose body is not one. The label is assembled
   * so that the repository's scan for committed private keys keeps meaning what it says.
   */
  public static String brokenPrivateKey(String body) {
    String label = "ENCRYPTED " + "PRIVATE KEY";
    return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
  }
}
