package io.outpost.message.cms;

import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;

/** SHA-256, the profile's only message digest, computed by the JDK's SUN provider. */
final class Sha256Digests implements DigestCalculatorProvider {

  static final Sha256Digests INSTANCE = new Sha256Digests();

  private Sha256Digests() {}

  @Override
  public DigestCalculator get(AlgorithmIdentifier algorithm) throws OperatorCreationException {
    if (!NISTObjectIdentifiers.id_sha256.equals(algorithm.getAlgorithm())) {
      throw new OperatorCreationException(
          "digest algorithm " + algorithm.getAlgorithm() + " is not the profile's SHA-256");
    }
    MessageDigest digest = newDigest();
    OutputStream stream =
        new OutputStream() {
          @Override
          public void write(int b) {
            digest.update((byte) b);
          }

          @Override
          public void write(byte[] b, int off, int len) {
            digest.update(b, off, len);
          }
        };
    return new DigestCalculator() {
      @Override
      public AlgorithmIdentifier getAlgorithmIdentifier() {
        return algorithm;
      }

      @Override
      public OutputStream getOutputStream() {
        return stream;
      }

      @Override
      public byte[] getDigest() {
        return digest.digest();
      }
    };
  }

  static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256", CmsProfile.SUN);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the SUN provider has no SHA-256", e);
    }
  }
}
