package io.outpost.message.payload;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.outpost.keystore.Certificates;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A party announcing its next certificate to a peer ({@code outpost.key-announcement/1}), signed
 * with the key the peer has pinned for it today.
 *
 * <p>{@code certificate} is the DER encoding in base64, split into lines of 64 characters (a PEM
 * body without its armour: one JSON string per line keeps every string short); {@code fingerprint}
 * is its SHA-256 in lower-case hex, the value people compare out of band. The document is valid
 * only when the certificate parses, is encoded canonically, has that fingerprint and names the
 * sender as its CN.
 *
 * <p>A valid announcement proves nothing on its own: the receiver keeps it as pending and pins the
 * certificate only after a person confirmed the fingerprint with the sender over another channel.
 */
public record KeyAnnouncement(
    String schema,
    UUID messageId,
    String from,
    String to,
    Instant createdAt,
    String fingerprint,
    List<String> certificate)
    implements Payload {

  /** The schema name of this payload. */
  public static final String SCHEMA = "outpost.key-announcement/1";

  /** Characters per line of {@code certificate}, as PEM writes them. */
  public static final int LINE_LENGTH = 64;

  /** Room for a certificate with an RSA key of 16384 bits. */
  public static final int MAX_LINES = 256;

  private static final Pattern BASE64_LINE = Pattern.compile("[A-Za-z0-9+/]*={0,2}");

  @JsonCreator
  public KeyAnnouncement {
    Checks.header(schema, SCHEMA, messageId, from, to, createdAt);
    Checks.sha256Hex("fingerprint", fingerprint);
    certificate = Checks.elements("certificate", certificate, MAX_LINES);
    X509Certificate parsed = parse(certificate);
    if (!Certificates.fingerprint(parsed).equals(fingerprint)) {
      throw new InvalidFieldException("fingerprint", "must be the SHA-256 of the certificate");
    }
    String subject;
    try {
      subject = Certificates.commonName(parsed);
    } catch (IllegalArgumentException e) {
      throw new InvalidFieldException("certificate", "must have exactly one CN in its subject");
    }
    if (!subject.equals(from)) {
      throw new InvalidFieldException("certificate", "must name the sender as its CN");
    }
  }

  /** An announcement of {@code next}, with this type's schema name. */
  public static KeyAnnouncement of(
      UUID messageId, String from, String to, Instant createdAt, X509Certificate next) {
    return new KeyAnnouncement(
        SCHEMA, messageId, from, to, createdAt, Certificates.fingerprint(next), lines(next));
  }

  /** The announced certificate. */
  public X509Certificate x509() {
    return parse(certificate);
  }

  private static List<String> lines(X509Certificate certificate) {
    String base64;
    try {
      base64 = Base64.getEncoder().encodeToString(certificate.getEncoded());
    } catch (CertificateEncodingException e) {
      throw new IllegalArgumentException("the certificate has no DER encoding", e);
    }
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < base64.length(); i += LINE_LENGTH) {
      lines.add(base64.substring(i, Math.min(base64.length(), i + LINE_LENGTH)));
    }
    return lines;
  }

  /** Accepts only the form {@link #lines} writes, so that one certificate has one document. */
  private static X509Certificate parse(List<String> lines) {
    StringBuilder joined = new StringBuilder(lines.size() * LINE_LENGTH);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      boolean last = i == lines.size() - 1;
      if (line.isEmpty()
          || line.length() > LINE_LENGTH
          || (!last && line.length() != LINE_LENGTH)
          || !BASE64_LINE.matcher(line).matches()
          || (!last && line.endsWith("="))) {
        throw new InvalidFieldException(
            "certificate[" + i + "]",
            "must be base64 in lines of " + LINE_LENGTH + " characters, the last one shorter");
      }
      joined.append(line);
    }
    byte[] der;
    try {
      der = Base64.getDecoder().decode(joined.toString());
    } catch (IllegalArgumentException e) {
      throw new InvalidFieldException("certificate", "must be valid base64");
    }
    if (!Base64.getEncoder().encodeToString(der).contentEquals(joined)) {
      throw new InvalidFieldException("certificate", "must be canonical base64");
    }
    X509Certificate parsed;
    try {
      parsed = Certificates.parseDer(der);
      if (!Arrays.equals(parsed.getEncoded(), der)) {
        throw new InvalidFieldException("certificate", "must be a DER-encoded X.509 certificate");
      }
    } catch (CertificateException | RuntimeException e) {
      if (e instanceof InvalidFieldException invalid) {
        throw invalid;
      }
      throw new InvalidFieldException("certificate", "must be a DER-encoded X.509 certificate");
    }
    return parsed;
  }
}
