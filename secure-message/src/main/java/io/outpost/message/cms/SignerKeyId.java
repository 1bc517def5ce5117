package io.outpost.message.cms;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.cms.IssuerAndSerialNumber;
import org.bouncycastle.asn1.cms.SignerIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.SignerInformation;

/**
 * Who a SignerInfo says signed it (issuer and serial number, or subject key identifier), compared
 * byte for byte with a pinned certificate.
 *
 * <p>Exact comparison on purpose: Bouncy Castle's {@code SignerId.match} compares names the X.500
 * way (case and string type ignored), which would let changed bytes of an unsigned field pass, and
 * it parses attacker-supplied names lazily during the comparison.
 */
final class SignerKeyId {

  private final byte[] issuer;
  private final BigInteger serial;
  private final byte[] subjectKeyId;
  private final String description;

  private SignerKeyId(byte[] issuer, BigInteger serial, byte[] subjectKeyId, String description) {
    this.issuer = issuer;
    this.serial = serial;
    this.subjectKeyId = subjectKeyId;
    this.description = description;
  }

  /**
   * The identifier in a SignerInfo, fully parsed.
   *
   * @throws IllegalArgumentException if it is not a valid identifier
   */
  static SignerKeyId of(SignerInformation signer) {
    SignerIdentifier sid = signer.toASN1Structure().getSID();
    if (sid.isTagged()) {
      byte[] keyId = ASN1OctetString.getInstance(sid.getId()).getOctets();
      return new SignerKeyId(
          null, null, keyId, "subject key identifier " + HexFormat.of().formatHex(keyId));
    }
    IssuerAndSerialNumber issuerAndSerial = IssuerAndSerialNumber.getInstance(sid.getId());
    X500Name issuer = issuerAndSerial.getName();
    BigInteger serial = issuerAndSerial.getSerialNumber().getValue();
    return new SignerKeyId(
        der(issuer), serial, null, "issuer '" + issuer + "' serial " + serial.toString(16));
  }

  /** The identifiers a certificate answers to: its issuer and serial, and its key id if any. */
  static SignerKeyId of(X509CertificateHolder certificate) {
    SubjectKeyIdentifier keyId = SubjectKeyIdentifier.fromExtensions(certificate.getExtensions());
    return new SignerKeyId(
        der(certificate.getIssuer()),
        certificate.getSerialNumber(),
        keyId == null ? null : keyId.getKeyIdentifier(),
        certificate.getSubject().toString());
  }

  /** True when this SignerInfo identifier names {@code certificate}. */
  boolean names(SignerKeyId certificate) {
    if (subjectKeyId != null) {
      return certificate.subjectKeyId != null
          && Arrays.equals(subjectKeyId, certificate.subjectKeyId);
    }
    return serial.equals(certificate.serial) && Arrays.equals(issuer, certificate.issuer);
  }

  @Override
  public String toString() {
    return description;
  }

  private static byte[] der(X500Name name) {
    try {
      return name.getEncoded(ASN1Encoding.DER);
    } catch (IOException e) {
      throw new IllegalArgumentException("name cannot be encoded: " + e.getMessage(), e);
    }
  }
}
