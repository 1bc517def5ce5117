package io.outpost.reliability;

import io.outpost.keystore.Identity;
import io.outpost.message.cms.CmsSealer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Clock;
import java.util.Arrays;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.cms.AuthEnvelopedData;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.IssuerAndSerialNumber;
import org.bouncycastle.asn1.cms.KeyTransRecipientInfo;
import org.bouncycastle.asn1.cms.RecipientInfo;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSAuthEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OutputAEADEncryptor;
import org.bouncycastle.operator.jcajce.JcaAlgorithmParametersConverter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Builds messages as an attacker holding a valid outlet key would, with Bouncy Castle's standard
 * CMS classes rather than Outpost's sealer: the same triple-wrapped shape, with any layer changed
 * and the layers around it rebuilt and re-signed. {@code ForgeTest} proves that an unchanged
 * forgery opens at HQ, so that each refusal is caused by the change alone.
 */
final class Forge {

  private static final Provider BC = new BouncyCastleProvider();

  private Forge() {}

  /** The inner SignedData over {@code payload}, signed by {@code signer} (Outpost's own signer). */
  static byte[] inner(Identity signer, byte[] payload) {
    return new CmsSealer(signer, Clock.systemUTC()).sign(payload);
  }

  /** A triple-wrapped message around {@code payload}, for {@code recipients}. */
  static byte[] seal(Identity signer, byte[] payload, X509Certificate... recipients) {
    return outer(signer, envelope(inner(signer, payload), recipients));
  }

  /** An outer SignedData (RSASSA-PSS, SHA-256) by {@code signer} around {@code envelope}. */
  static byte[] outer(Identity signer, byte[] envelope) {
    try {
      ContentSigner contentSigner =
          new JcaContentSignerBuilder(
                  "SHA256withRSAandMGF1",
                  new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1))
              .setProvider(BC)
              .build(signer.privateKey());
      CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
      generator.addSignerInfoGenerator(
          new JcaSignerInfoGeneratorBuilder(
                  new JcaDigestCalculatorProviderBuilder().setProvider(BC).build())
              .build(contentSigner, signer.certificate()));
      generator.addCertificate(new JcaX509CertificateHolder(signer.certificate()));
      return generator
          .generate(
              new CMSProcessableByteArray(CMSObjectIdentifiers.authEnvelopedData, envelope), true)
          .getEncoded(ASN1Encoding.DER);
    } catch (OperatorCreationException | CMSException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An AuthEnvelopedData (AES-256-GCM; RSAES-OAEP with SHA-256) of {@code inner}. */
  static byte[] envelope(byte[] inner, X509Certificate... recipients) {
    try {
      AlgorithmIdentifier oaep =
          new JcaAlgorithmParametersConverter()
              .getAlgorithmIdentifier(
                  PKCSObjectIdentifiers.id_RSAES_OAEP,
                  new OAEPParameterSpec(
                      "SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT));
      CMSAuthEnvelopedDataGenerator generator = new CMSAuthEnvelopedDataGenerator();
      for (X509Certificate recipient : recipients) {
        generator.addRecipientInfoGenerator(
            new JceKeyTransRecipientInfoGenerator(recipient, oaep).setProvider(BC));
      }
      OutputAEADEncryptor encryptor =
          (OutputAEADEncryptor)
              new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_GCM).setProvider(BC).build();
      return generator
          .generate(new CMSProcessableByteArray(inner), encryptor)
          .toASN1Structure()
          .getEncoded(ASN1Encoding.DER);
    } catch (CMSException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot encrypt: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The envelope inside a sealed message's outer signature. */
  static byte[] envelopeOf(byte[] sealed) {
    try {
      return (byte[]) new CMSSignedData(sealed).getSignedContent().getContent();
    } catch (CMSException e) {
      throw new IllegalArgumentException("not a SignedData: " + e.getMessage(), e);
    }
  }

  /** The GCM ciphertext of an envelope. */
  static byte[] ciphertextOf(byte[] envelope) {
    return authEnveloped(envelope).getAuthEncryptedContentInfo().getEncryptedContent().getOctets();
  }

  /** The GCM tag of an envelope. */
  static byte[] tagOf(byte[] envelope) {
    return authEnveloped(envelope).getMac().getOctets();
  }

  /** The content key as wrapped for the recipient whose certificate has this serial number. */
  static byte[] wrappedKeyOf(byte[] envelope, X509Certificate recipient) {
    for (var info : authEnveloped(envelope).getRecipientInfos()) {
      KeyTransRecipientInfo keyTrans =
          KeyTransRecipientInfo.getInstance(RecipientInfo.getInstance(info).getInfo());
      var issuerAndSerial =
          IssuerAndSerialNumber.getInstance(keyTrans.getRecipientIdentifier().getId());
      if (issuerAndSerial.getSerialNumber().getValue().equals(recipient.getSerialNumber())) {
        return keyTrans.getEncryptedKey().getOctets();
      }
    }
    throw new IllegalArgumentException("no recipient " + recipient.getSubjectX500Principal());
  }

  /** The signature value of a SignedData (the last field of its only SignerInfo). */
  static byte[] signatureOf(byte[] signedData) {
    try {
      return new CMSSignedData(signedData)
          .getSignerInfos()
          .getSigners()
          .iterator()
          .next()
          .getSignature();
    } catch (CMSException e) {
      throw new IllegalArgumentException("not a SignedData: " + e.getMessage(), e);
    }
  }

  /** {@code bytes} with one bit flipped in the middle of the first occurrence of {@code part}. */
  static byte[] flipWithin(byte[] bytes, byte[] part) {
    int at = indexOf(bytes, part);
    if (at < 0) {
      throw new IllegalArgumentException("the part does not occur in the message");
    }
    byte[] changed = bytes.clone();
    changed[at + part.length / 2] ^= 0x01;
    return changed;
  }

  /** {@code bytes} with {@code original} replaced by {@code replacement} of the same length. */
  static byte[] replace(byte[] bytes, byte[] original, byte[] replacement) {
    int at = indexOf(bytes, original);
    if (at < 0 || original.length != replacement.length) {
      throw new IllegalArgumentException("cannot replace");
    }
    byte[] changed = bytes.clone();
    System.arraycopy(replacement, 0, changed, at, replacement.length);
    return changed;
  }

  static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static AuthEnvelopedData authEnveloped(byte[] envelope) {
    return AuthEnvelopedData.getInstance(ContentInfo.getInstance(envelope).getContent());
  }

  static byte[] truncated(byte[] bytes) {
    return Arrays.copyOf(bytes, bytes.length / 2);
  }
}
