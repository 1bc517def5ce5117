package io.outpost.message.cms;

import java.io.IOException;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.cms.CMSAuthEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;

/**
 * Writes an AuthEnvelopedData ContentInfo (DER): the content encrypted with AES-256-GCM under a
 * fresh key and nonce, encrypted content type id-data, no authenticated attributes, and one
 * RSAES-OAEP KeyTransRecipientInfo (issuer and serial number) per recipient certificate.
 *
 * <p>id-data because OpenSSL 3.0 cannot parse authenticated attributes, and RFC 5083 requires them
 * for any other content type; the opener knows from the profile that the content is a SignedData.
 */
final class AuthEnvelopeWriter {

  private final SecureRandom random;

  AuthEnvelopeWriter(SecureRandom random) {
    this.random = random;
  }

  byte[] encrypt(byte[] content, List<X509Certificate> recipients) {
    try {
      CMSAuthEnvelopedDataGenerator generator = new CMSAuthEnvelopedDataGenerator();
      for (X509Certificate recipient : recipients) {
        generator.addRecipientInfoGenerator(
            new JceKeyTransRecipientInfoGenerator(
                recipient, new OaepKeyWrapper(recipient.getPublicKey(), random)));
      }
      return generator
          .generate(new CMSProcessableByteArray(content), new GcmContentEncryptor(random))
          .toASN1Structure()
          .getEncoded(ASN1Encoding.DER);
    } catch (CertificateEncodingException e) {
      throw new IllegalArgumentException("a recipient certificate cannot be encoded", e);
    } catch (CMSException | IOException e) {
      throw new IllegalStateException("cannot build a CMS AuthEnvelopedData: " + e.getMessage(), e);
    }
  }
}
