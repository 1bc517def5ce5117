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
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/** Small facts about X.509 certificates: fingerprint, common name, validity, parsing. */
public final class Certificates {

  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

  private Certificates() {}

  /** SHA-256 over the DER encoding, lower-case hex without separators. */
  public static String fingerprint(X509Certificate certificate) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
      throw new IllegalStateException("SHA-256 or DER encoding unavailable", e);
    }
  }

  /**
   * A fingerprint as people read it aloud and compare it: upper-case hex in groups of four, e.g.
   * {@code 3F2A 9C01 ...}. Accepts any form {@link #normalizeFingerprint} accepts.
   */
  public static String displayFingerprint(String fingerprint) {
    String hex = normalizeFingerprint(fingerprint).toUpperCase(Locale.ROOT);
    StringBuilder grouped = new StringBuilder(hex.length() + hex.length() / 4);
    for (int i = 0; i < hex.length(); i += 4) {
      if (i > 0) {
        grouped.append(' ');
      }
      grouped.append(hex, i, Math.min(i + 4, hex.length()));
    }
    return grouped.toString();
  }

  /** True when {@code typed} normalizes to 64 hex digits, the length of a SHA-256 fingerprint. */
  public static boolean isSha256Fingerprint(String typed) {
    return typed != null && SHA256_HEX.matcher(normalizeFingerprint(typed)).matches();
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
      throw new IllegalArgumentException(
          "certificate subject must have exactly one CN: " + subject);
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
