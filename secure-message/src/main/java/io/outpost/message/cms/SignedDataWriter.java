package io.outpost.message.cms;

import io.outpost.keystore.Identity;
import java.io.IOException;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.time.Clock;
import java.util.Date;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SignerInfoGeneratorBuilder;
import org.bouncycastle.operator.OperatorCreationException;

/**
 * Writes a SignedData ContentInfo (DER) that encapsulates its content, signed by one identity with
 * RSASSA-PSS. Signed attributes: content type, message digest, signing time from the clock, and
 * Bouncy Castle's CMS algorithm protection. The signer's certificate is included for tools such as
 * OpenSSL; Outpost's opener never trusts it.
 */
final class SignedDataWriter {

  private final Identity self;
  private final X509CertificateHolder certificate;
  private final Clock clock;
  private final SecureRandom random;

  SignedDataWriter(Identity self, Clock clock, SecureRandom random) {
    this.self = self;
    this.clock = clock;
    this.random = random;
    try {
      this.certificate = new X509CertificateHolder(self.certificate().getEncoded());
    } catch (CertificateEncodingException | IOException e) {
      throw new IllegalArgumentException("the identity's certificate cannot be encoded", e);
    }
  }

  byte[] sign(byte[] content, ASN1ObjectIdentifier contentType) {
    AttributeTable signingTime =
        new AttributeTable(
            new Attribute(
                CMSAttributes.signingTime, new DERSet(new Time(Date.from(clock.instant())))));
    try {
      CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
      generator.addSignerInfoGenerator(
          new SignerInfoGeneratorBuilder(Sha256Digests.INSTANCE)
              .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(signingTime))
              .build(new PssContentSigner(self.privateKey(), random), certificate));
      generator.addCertificate(certificate);
      return generator
          .generate(new CMSProcessableByteArray(contentType, content), true)
          .getEncoded(ASN1Encoding.DER);
    } catch (CMSException | OperatorCreationException | IOException e) {
      throw new IllegalStateException("cannot build a CMS SignedData: " + e.getMessage(), e);
    }
  }
}
