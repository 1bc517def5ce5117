package io.outpost.message.cms;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.PublicKey;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import org.bouncycastle.operator.AsymmetricKeyWrapper;
import org.bouncycastle.operator.GenericKey;
import org.bouncycastle.operator.OperatorException;

/**
 * Wraps a content key for one recipient with RSAES-OAEP on SunJCE, passing SHA-256 and MGF1-SHA-256
 * explicitly (the JDK's "OAEPWithSHA-256AndMGF1Padding" would use MGF1-SHA-1).
 */
final class OaepKeyWrapper extends AsymmetricKeyWrapper {

  private final PublicKey publicKey;
  private final SecureRandom random;

  OaepKeyWrapper(PublicKey publicKey, SecureRandom random) {
    super(CmsProfile.OAEP);
    this.publicKey = publicKey;
    this.random = random;
  }

  @Override
  public byte[] generateWrappedKey(GenericKey contentKey) throws OperatorException {
    byte[] keyBytes = keyBytes(contentKey);
    try {
      Cipher cipher = newCipher();
      cipher.init(Cipher.ENCRYPT_MODE, publicKey, CmsProfile.OAEP_SPEC, random);
      return cipher.doFinal(keyBytes);
    } catch (GeneralSecurityException e) {
      throw new OperatorException("RSAES-OAEP key wrap failed: " + e.getMessage(), e);
    }
  }

  /** Bouncy Castle hands the key over as a JCA key or as its raw bytes. */
  private static byte[] keyBytes(GenericKey contentKey) throws OperatorException {
    Object representation = contentKey.getRepresentation();
    if (representation instanceof Key key) {
      return key.getEncoded();
    }
    if (representation instanceof byte[] bytes) {
      return bytes;
    }
    throw new OperatorException(
        "unexpected content key representation " + representation.getClass());
  }

  static Cipher newCipher() throws GeneralSecurityException {
    return Cipher.getInstance(CmsProfile.RSA_OAEP, CmsProfile.SUN_JCE);
  }
}
