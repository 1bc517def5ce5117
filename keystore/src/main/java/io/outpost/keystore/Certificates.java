package io.outpost.keystore;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/** Small facts about X.509 certificates: fingerprint, common name, validity, parsing. */
public final class Certificates {

  private Certificates() {}

  /** SHA-256 over the DER encoding, lower-case hex without separators. */
  public static String fingerprint(X509Certificate certificate) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
      throw new IllegalStateException("SHA-256 or DER encoding unavailable", e);
    }
  }

  /** A fingerprint as people type it: any case, with or without colons or spaces. */
  public static String normalizeFingerprint(String typed) {
    return typed.replaceAll("[:\\s]", "").toLowerCase(Locale.ROOT);
  }

  /** The subject's CN, which Outpost uses as the party id. */
  public static String commonName(X509Certificate certificate) {
    X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
    RDN[] cns = subject.getRDNs(BCStyle.CN);
    if (cns.length != 1) {
      throw new IllegalArgumentException("certificate subject must have exactly one CN: " + subject);
    }
    return IETFUtils.valueToString(cns[0].getFirst().getValue());
  }

  public static boolean isValidAt(X509Certificate certificate, Instant at) {
    return !at.isBefore(certificate.getNotBefore().toInstant())
        && !at.isAfter(certificate.getNotAfter().toInstant());
  }

  public static X509Certificate parseDer(byte[] der) throws CertificateException {
    return (X509Certificate)
        CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
  }
}
