package io.outpost.message.cms;

import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.SignatureException;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.RuntimeOperatorException;

/**
 * Signs once with RSASSA-PSS (SHA-256, MGF1-SHA-256, salt 32) on the JDK's SunRsaSign provider,
 * writing the explicit parameters OpenSSL expects. Not thread-safe: make one per signature.
 */
final class PssContentSigner implements ContentSigner {

  private final Signature signature;

  PssContentSigner(PrivateKey key, SecureRandom random) {
    try {
      signature = Signature.getInstance(CmsProfile.RSA_PSS, CmsProfile.SUN_RSA_SIGN);
      signature.setParameter(CmsProfile.PSS_SPEC);
      signature.initSign(key, random);
    } catch (InvalidKeyException e) {
      throw new IllegalArgumentException("the identity's private key is not an RSA key", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SunRsaSign cannot make RSASSA-PSS signatures", e);
    }
  }

  @Override
  public AlgorithmIdentifier getAlgorithmIdentifier() {
    return CmsProfile.PSS;
  }

  @Override
  public OutputStream getOutputStream() {
    return new SignatureOutputStream(signature);
  }

  @Override
  public byte[] getSignature() {
    try {
      return signature.sign();
    } catch (SignatureException e) {
      throw new RuntimeOperatorException("RSASSA-PSS signing failed: " + e.getMessage(), e);
    }
  }

  Provider provider() {
    return signature.getProvider();
  }
}
