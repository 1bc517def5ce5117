package io.outpost.message.cms;

import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.SignatureException;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.ContentVerifier;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.OperatorCreationException;

/**
 * Verifies RSASSA-PSS (SHA-256, MGF1-SHA-256) signatures with one pinned certificate on the JDK's
 * SunRsaSign provider; any other signature algorithm is refused.
 *
 * <p>It does not hand its certificate to Bouncy Castle, which would check the claimed signing time
 * before the signature; {@link SignedDataVerifier} checks it after.
 */
final class PssVerifierProvider implements ContentVerifierProvider {

  private final X509Certificate certificate;

  PssVerifierProvider(X509Certificate certificate) {
    this.certificate = certificate;
  }

  @Override
  public boolean hasAssociatedCertificate() {
    return false;
  }

  @Override
  public X509CertificateHolder getAssociatedCertificate() {
    return null;
  }

  @Override
  public ContentVerifier get(AlgorithmIdentifier algorithm) throws OperatorCreationException {
    Signature signature;
    try {
      signature = Signature.getInstance(CmsProfile.RSA_PSS, CmsProfile.SUN_RSA_SIGN);
      signature.setParameter(CmsProfile.pssSpec(algorithm));
      signature.initVerify(certificate.getPublicKey());
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new OperatorCreationException(
          "cannot verify " + algorithm.getAlgorithm() + ": " + e.getMessage(), e);
    }
    OutputStream stream = new SignatureOutputStream(signature);
    return new ContentVerifier() {
      @Override
      public AlgorithmIdentifier getAlgorithmIdentifier() {
        return algorithm;
      }

      @Override
      public OutputStream getOutputStream() {
        return stream;
      }

      @Override
      public boolean verify(byte[] expected) {
        try {
          return signature.verify(expected);
        } catch (SignatureException e) {
          // A signature of the wrong length or form is simply not a valid signature.
          return false;
        }
      }
    };
  }
}
