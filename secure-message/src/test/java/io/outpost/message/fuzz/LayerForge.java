package io.outpost.message.fuzz;

import io.outpost.keystore.Identity;
import java.io.IOException;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.security.SignatureException;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Date;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAESOAEPparams;
import org.bouncycastle.asn1.pkcs.RSASSAPSSparams;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSAuthEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OutputAEADEncryptor;
import org.bouncycastle.operator.RuntimeOperatorException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.operator.jcajce.JceAsymmetricKeyWrapper;

/**
 * Builds single layers of Outpost's CMS profile around content the fuzzer chose, so that a fuzz
 * target can reach the layers below a signature: an outer SignedData by a pinned outlet around any
 * envelope, or a correct envelope for HQ around any inner layer.
 *
 * <p>Written with Bouncy Castle's generators, independently of the sealer's own writers; {@link
 * LayerForgeTest} checks that messages forged from genuine parts open, so the forge cannot drift
 * from the profile unnoticed. Bouncy Castle's provider does the envelope's OAEP and AES-GCM; it is
 * used here only and never registered.
 */
final class LayerForge {

  private static final Provider BC = new BouncyCastleProvider();

  private static final PSSParameterSpec PSS =
      new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1);

  private static final AlgorithmIdentifier SHA256 =
      new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256);

  private static final AlgorithmIdentifier MGF1_SHA256 =
      new AlgorithmIdentifier(PKCSObjectIdentifiers.id_mgf1, SHA256);

  private static final AlgorithmIdentifier PSS_ALGORITHM =
      new AlgorithmIdentifier(
          PKCSObjectIdentifiers.id_RSASSA_PSS,
          new RSASSAPSSparams(SHA256, MGF1_SHA256, new ASN1Integer(32), new ASN1Integer(1)));

  private static final AlgorithmIdentifier OAEP =
      new AlgorithmIdentifier(
          PKCSObjectIdentifiers.id_RSAES_OAEP,
          new RSAESOAEPparams(SHA256, MGF1_SHA256, RSAESOAEPparams.DEFAULT_P_SOURCE_ALGORITHM));

  private LayerForge() {}

  /** A SignedData ContentInfo by {@code signer} around {@code content} of {@code type}. */
  static byte[] signed(Identity signer, byte[] content, ASN1ObjectIdentifier type) {
    AttributeTable signingTime =
        new AttributeTable(
            new Attribute(
                CMSAttributes.signingTime,
                new DERSet(new Time(Date.from(FuzzParties.CLOCK.instant())))));
    try {
      CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
      generator.addSignerInfoGenerator(
          new SignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
              .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(signingTime))
              .build(
                  pssSigner(signer.privateKey()),
                  new JcaX509CertificateHolder(signer.certificate())));
      return generator
          .generate(new CMSProcessableByteArray(type, content), true)
          .getEncoded(ASN1Encoding.DER);
    } catch (CMSException | OperatorCreationException | GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot forge a SignedData: " + e.getMessage(), e);
    }
  }

  /**
   * RSASSA-PSS on the JDK's provider, as the sealer signs; Bouncy Castle's builder cannot ask it.
   */
  private static ContentSigner pssSigner(PrivateKey key) throws GeneralSecurityException {
    Signature signature = Signature.getInstance("RSASSA-PSS", "SunRsaSign");
    signature.setParameter(PSS);
    signature.initSign(key);
    OutputStream stream =
        new OutputStream() {
          @Override
          public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
          }

          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            try {
              signature.update(b, off, len);
            } catch (SignatureException e) {
              throw new IOException(e);
            }
          }
        };
    return new ContentSigner() {
      @Override
      public AlgorithmIdentifier getAlgorithmIdentifier() {
        return PSS_ALGORITHM;
      }

      @Override
      public OutputStream getOutputStream() {
        return stream;
      }

      @Override
      public byte[] getSignature() {
        try {
          return signature.sign();
        } catch (SignatureException e) {
          throw new RuntimeOperatorException("RSASSA-PSS signing failed", e);
        }
      }
    };
  }

  /** The outer layer of a sealed message: a SignedData around an AuthEnvelopedData. */
  static byte[] outer(Identity signer, byte[] envelope) {
    return signed(signer, envelope, CMSObjectIdentifiers.authEnvelopedData);
  }

  /** An AuthEnvelopedData ContentInfo: AES-256-GCM, one RSAES-OAEP key per recipient. */
  static byte[] envelope(byte[] content, X509Certificate... recipients) {
    try {
      CMSAuthEnvelopedDataGenerator generator = new CMSAuthEnvelopedDataGenerator();
      for (X509Certificate recipient : recipients) {
        generator.addRecipientInfoGenerator(
            new JceKeyTransRecipientInfoGenerator(
                recipient,
                new JceAsymmetricKeyWrapper(OAEP, recipient.getPublicKey()).setProvider(BC)));
      }
      return generator
          .generate(
              new CMSProcessableByteArray(content),
              (OutputAEADEncryptor)
                  new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_GCM)
                      .setProvider(BC)
                      .build())
          .toASN1Structure()
          .getEncoded(ASN1Encoding.DER);
    } catch (CMSException | GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot forge an AuthEnvelopedData: " + e.getMessage(), e);
    }
  }

  /** A sealed message around {@code inner}, for HQ and the signer, signed by {@code signer}. */
  static byte[] sealAround(Identity signer, byte[] inner) {
    return outer(signer, envelope(inner, FuzzParties.HQ.certificate(), signer.certificate()));
  }

  /** The content a SignedData ContentInfo encapsulates: for a sealed message, its envelope. */
  static byte[] encapsulated(byte[] signedData) {
    try {
      ContentInfo contentInfo = ContentInfo.getInstance(ASN1Primitive.fromByteArray(signedData));
      return ASN1OctetString.getInstance(
              SignedData.getInstance(contentInfo.getContent()).getEncapContentInfo().getContent())
          .getOctets();
    } catch (IOException e) {
      throw new IllegalArgumentException("not a SignedData: " + e.getMessage(), e);
    }
  }
}
