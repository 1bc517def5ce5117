package io.outpost.keystore;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * Makes a new party: an RSA key pair, a self-signed X.509 v3 certificate with subject CN=id, and a
 * PKCS#10 request for the same key. Uses the JDK's providers for key generation and signing.
 */
public final class IdentityGenerator {

  /** Outpost's default RSA modulus size. */
  public static final int DEFAULT_BITS = 3072;

  /** RSA keys below this size are refused. */
  public static final int MIN_BITS = 2048;

  private static final String SIGNATURE_ALGORITHM = "SHA256withRSA";

  private final SecureRandom random;

  public IdentityGenerator(SecureRandom random) {
    this.random = random;
  }

  public IdentityGenerator() {
    this(new SecureRandom());
  }

  /** A key pair, its certificate and its certification request, not yet written anywhere. */
  public record GeneratedIdentity(Identity identity, PKCS10CertificationRequest request) {}

  public GeneratedIdentity generate(String id, int bits, Instant notBefore, Instant notAfter)
      throws KeystoreException {
    PartyIds.check(id);
    if (bits < MIN_BITS) {
      throw new KeystoreException(
          KeystoreException.Reason.INVALID_ARGUMENT,
          "RSA key size "
              + bits
              + " is too small; use at least "
              + MIN_BITS
              + " (default "
              + DEFAULT_BITS
              + ")");
    }
    if (!notAfter.isAfter(notBefore)) {
      throw new KeystoreException(
          KeystoreException.Reason.INVALID_ARGUMENT,
          "certificate validity must end after it starts");
    }
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(bits, random);
      KeyPair keyPair = generator.generateKeyPair();
      X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, id).build();
      ContentSigner signer =
          new JcaContentSignerBuilder(SIGNATURE_ALGORITHM)
              .setSecureRandom(random)
              .build(keyPair.getPrivate());
      JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
                  subject,
                  serialNumber(),
                  Date.from(notBefore),
                  Date.from(notAfter),
                  subject,
                  keyPair.getPublic())
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
              .addExtension(
                  Extension.keyUsage,
                  true,
                  new KeyUsage(
                      KeyUsage.digitalSignature
                          | KeyUsage.nonRepudiation
                          | KeyUsage.keyEncipherment))
              .addExtension(
                  Extension.extendedKeyUsage,
                  false,
                  new ExtendedKeyUsage(
                      new KeyPurposeId[] {
                        KeyPurposeId.id_kp_emailProtection, KeyPurposeId.id_kp_clientAuth
                      }))
              .addExtension(
                  Extension.subjectKeyIdentifier,
                  false,
                  extensions.createSubjectKeyIdentifier(keyPair.getPublic()))
              .addExtension(
                  Extension.authorityKeyIdentifier,
                  false,
                  extensions.createAuthorityKeyIdentifier(keyPair.getPublic()));
      X509Certificate certificate =
          new JcaX509CertificateConverter().getCertificate(builder.build(signer));
      PKCS10CertificationRequest request =
          new JcaPKCS10CertificationRequestBuilder(subject, keyPair.getPublic()).build(signer);
      return new GeneratedIdentity(Identity.create(certificate, keyPair.getPrivate()), request);
    } catch (GeneralSecurityException
        | OperatorCreationException
        | org.bouncycastle.cert.CertIOException e) {
      throw new IllegalStateException("the JDK cannot generate an RSA identity", e);
    }
  }

  /** A positive 159-bit serial from the CSPRNG (RFC 5280 allows at most 20 octets). */
  private BigInteger serialNumber() {
    return new BigInteger(159, random).setBit(158);
  }
}
