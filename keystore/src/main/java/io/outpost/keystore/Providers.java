package io.outpost.keystore;

import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The Bouncy Castle provider instance the keystore hands to Bouncy Castle's PKCS#8 code.
 *
 * <p>It is never registered with {@code Security}: registration would let other code pick it up by
 * accident, and the JDK providers stay the default for everything else.
 */
final class Providers {

  private Providers() {}

  /** Bouncy Castle's PKCS#8 encryptor and decryptor ask for "PKCS7Padding", which only BC has. */
  static Provider bouncyCastle() {
    return Holder.BOUNCY_CASTLE;
  }

  /**
   * Builds the provider on first use only: construction takes a noticeable fraction of a second.
   */
  private static final class Holder {
    private static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();
  }
}
