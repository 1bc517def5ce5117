package io.outpost.keystore;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;

/** Checks that a private key belongs to a public key without a private-key operation. */
final class KeyPairs {

  private KeyPairs() {}

  static boolean matches(PublicKey publicKey, PrivateKey privateKey) {
    if (publicKey instanceof RSAPublicKey pub && privateKey instanceof RSAPrivateCrtKey priv) {
      return pub.getModulus().equals(priv.getModulus())
          && pub.getPublicExponent().equals(priv.getPublicExponent());
    }
    return false;
  }
}
