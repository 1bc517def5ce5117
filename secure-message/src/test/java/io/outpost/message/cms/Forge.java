package io.outpost.message.cms;

import io.outpost.keystore.Identity;
import io.outpost.message.SecureMessageException;
import io.outpost.message.cms.Der.Tlv;
import java.io.IOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;

/**
 * Builds messages by hand from the sealer's own parts, to make ones the sealer never would: layers
 * signed by different parties, a valid envelope around a tampered inner layer, a tampered envelope
 * re-signed by its sender. Also locates the fields of a message for tamper tests.
 */
final class Forge {

  private static final SecureRandom RANDOM = new SecureRandom();

  private Forge() {}

  static byte[] signed(Identity signer, byte[] content, ASN1ObjectIdentifier type) {
    return new SignedDataWriter(signer, Parties.CLOCK, RANDOM).sign(content, type);
  }

  static byte[] innerSigned(Identity signer, byte[] payload) {
    return signed(signer, payload, CmsProfile.DATA);
  }

  static byte[] envelope(byte[] content, X509Certificate... recipients) {
    return new AuthEnvelopeWriter(RANDOM).encrypt(content, List.of(recipients));
  }

  /** An outer SignedData by {@code signer} around {@code envelope}. */
  static byte[] outer(Identity signer, byte[] envelope) {
    return signed(signer, envelope, CmsProfile.AUTH_ENVELOPED_DATA);
  }

  /** A triple-wrapped message around a given inner layer, for the recipient and the signer. */
  static byte[] seal(Identity outerSigner, byte[] inner, X509Certificate recipient) {
    return outer(outerSigner, envelope(inner, recipient, outerSigner.certificate()));
  }

  // Field locations. A SignedData ContentInfo is SEQUENCE { OID, [0] { SignedData } } and
  // SignedData is SEQUENCE { version, digestAlgorithms, encapContentInfo, [0] certificates,
  // signerInfos }.

  static Tlv signedData(byte[] message) {
    return Der.path(message, 1, 0);
  }

  static Tlv eContent(byte[] message) {
    return Der.path(message, 1, 0, 2, 1, 0);
  }

  static byte[] envelopeOf(byte[] sealed) {
    return Der.value(sealed, eContent(sealed));
  }

  static Tlv signerInfo(byte[] message) {
    List<Tlv> fields = Der.children(message, signedData(message));
    return Der.child(message, fields.get(fields.size() - 1), 0);
  }

  /** SignerInfo ::= SEQUENCE { version, sid, digestAlgorithm, [0] signedAttrs, sigAlg, sig }. */
  static Tlv signerInfoField(byte[] message, int index) {
    return Der.child(message, signerInfo(message), index);
  }

  static Tlv signature(byte[] message) {
    return signerInfoField(message, 5);
  }

  /** The single value of the signed attribute of the given type. */
  static Tlv signedAttribute(byte[] message, ASN1ObjectIdentifier type) {
    byte[] oid = Der.value(encoded(type), Der.root(encoded(type)));
    for (Tlv attribute : Der.children(message, signerInfoField(message, 3))) {
      Tlv attributeType = Der.child(message, attribute, 0);
      if (Arrays.equals(Der.value(message, attributeType), oid)) {
        return Der.child(message, Der.child(message, attribute, 1), 0);
      }
    }
    throw new IllegalArgumentException("no signed attribute " + type);
  }

  // An AuthEnvelopedData ContentInfo is SEQUENCE { OID, [0] { SEQUENCE { version,
  // recipientInfos, authEncryptedContentInfo, mac } } }.

  static Tlv authEnvelopedData(byte[] envelope) {
    return Der.path(envelope, 1, 0);
  }

  /** The encrypted key of the KeyTransRecipientInfo naming this certificate's serial number. */
  static Tlv wrappedKey(byte[] envelope, X509Certificate recipient) {
    Tlv recipientInfos = Der.child(envelope, authEnvelopedData(envelope), 1);
    for (Tlv info : Der.children(envelope, recipientInfos)) {
      Tlv serial = Der.child(envelope, Der.child(envelope, info, 1), 1);
      if (new BigInteger(Der.value(envelope, serial)).equals(recipient.getSerialNumber())) {
        return Der.child(envelope, info, 3);
      }
    }
    throw new IllegalArgumentException(
        "no recipient info for " + recipient.getSubjectX500Principal());
  }

  static Tlv gcmNonce(byte[] envelope) {
    return Der.path(envelope, 1, 0, 2, 1, 1, 0);
  }

  static Tlv ciphertext(byte[] envelope) {
    return Der.path(envelope, 1, 0, 2, 2);
  }

  static Tlv tag(byte[] envelope) {
    return Der.path(envelope, 1, 0, 3);
  }

  /** Decrypts a sealed message's envelope as {@code recipient}, without checking signatures. */
  static byte[] innerOf(byte[] sealed, Identity recipient) throws SecureMessageException {
    byte[] envelope = envelopeOf(sealed);
    return new AuthEnvelopeReader(recipient)
        .decrypt(
            Layers.read(envelope, CmsProfile.AUTH_ENVELOPED_DATA, false, "envelope").contentInfo());
  }

  private static byte[] encoded(ASN1ObjectIdentifier type) {
    try {
      return type.getEncoded();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
