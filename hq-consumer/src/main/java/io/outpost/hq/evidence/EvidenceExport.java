package io.outpost.hq.evidence;

import io.outpost.hq.core.HqException;
import io.outpost.hq.core.StoredClosing;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * Writes what an auditor needs to check a stored closing with {@code openssl cms} alone: the
 * outlet's signed closing (the inner SignedData HQ archived), HQ's receipt for it, both
 * certificates, and a README with the exact commands. Existing files are never overwritten.
 */
public final class EvidenceExport {

  public static final String CLOSING_FILE = "closing.der";
  public static final String RECEIPT_FILE = "receipt.der";
  public static final String OUTLET_CERTIFICATE_FILE = "outlet-cert.pem";
  public static final String HQ_CERTIFICATE_FILE = "hq-cert.pem";
  public static final String README_FILE = "README.txt";

  private EvidenceExport() {}

  /** The pieces of one export. */
  public record Bundle(
      StoredClosing closing,
      byte[] signedClosing,
      X509Certificate outletCertificate,
      byte[] signedReceipt,
      X509Certificate hqCertificate) {

    public Bundle {
      Objects.requireNonNull(closing, "closing");
      Objects.requireNonNull(signedClosing, "signedClosing");
      Objects.requireNonNull(outletCertificate, "outletCertificate");
      Objects.requireNonNull(hqCertificate, "hqCertificate");
    }
  }

  /**
   * Writes the bundle into {@code dir} (created if needed).
   *
   * @return the files written
   * @throws HqException IO when a file exists already or cannot be written
   */
  public static List<Path> write(Path dir, Bundle bundle) throws HqException {
    List<Path> written = new ArrayList<>();
    try {
      Files.createDirectories(dir);
      written.add(create(dir.resolve(CLOSING_FILE), bundle.signedClosing()));
      if (bundle.signedReceipt() != null) {
        written.add(create(dir.resolve(RECEIPT_FILE), bundle.signedReceipt()));
      }
      written.add(create(dir.resolve(OUTLET_CERTIFICATE_FILE), pem(bundle.outletCertificate())));
      written.add(create(dir.resolve(HQ_CERTIFICATE_FILE), pem(bundle.hqCertificate())));
      written.add(
          create(dir.resolve(README_FILE), readme(bundle).getBytes(StandardCharsets.UTF_8)));
      return written;
    } catch (FileAlreadyExistsException e) {
      throw new HqException(
          HqException.Reason.IO,
          e.getFile() + " exists already; export into a new or empty directory",
          e);
    } catch (IOException e) {
      throw new HqException(
          HqException.Reason.IO, "cannot write the evidence to " + dir + ": " + e.getMessage(), e);
    }
  }

  private static Path create(Path file, byte[] bytes) throws IOException {
    Files.write(file, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    return file;
  }

  static byte[] pem(X509Certificate certificate) {
    try {
      String base64 =
          Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded());
      return ("-----BEGIN CERTIFICATE-----\n" + base64 + "\n-----END CERTIFICATE-----\n")
          .getBytes(StandardCharsets.US_ASCII);
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("a pinned certificate has no DER encoding", e);
    }
  }

  private static String readme(Bundle bundle) {
    StoredClosing c = bundle.closing();
    StringBuilder text = new StringBuilder();
    text.append("Evidence for closing ")
        .append(c.messageId())
        .append('\n')
        .append("outlet:         ")
        .append(c.outletId())
        .append('\n')
        .append("business date:  ")
        .append(c.businessDate())
        .append('\n')
        .append("sequence:       ")
        .append(c.sequence())
        .append('\n')
        .append("content digest: ")
        .append(c.contentDigest())
        .append(" (SHA-256 of the signed JSON)\n")
        .append("received by HQ: ")
        .append(c.receivedAt())
        .append("\n\n")
        .append("Files\n")
        .append("  ")
        .append(CLOSING_FILE)
        .append("       the closing as the outlet signed it (CMS SignedData, DER)\n");
    if (bundle.signedReceipt() != null) {
      text.append("  ")
          .append(RECEIPT_FILE)
          .append("       HQ's signed receipt naming this closing (CMS SignedData, DER)\n");
    } else {
      text.append("  (no receipt: HQ has not answered this closing yet)\n");
    }
    text.append("  ")
        .append(OUTLET_CERTIFICATE_FILE)
        .append("   the outlet's certificate, as pinned by HQ\n")
        .append("  ")
        .append(HQ_CERTIFICATE_FILE)
        .append("       HQ's certificate, as pinned by the outlet\n\n")
        .append("Compare the certificates' fingerprints with the ones exchanged out of band:\n")
        .append("  openssl x509 -in ")
        .append(OUTLET_CERTIFICATE_FILE)
        .append(" -noout -fingerprint -sha256\n")
        .append("  openssl x509 -in ")
        .append(HQ_CERTIFICATE_FILE)
        .append(" -noout -fingerprint -sha256\n\n")
        .append("1. Verify the outlet's signature with its certificate alone (-nointern ignores\n")
        .append("   certificates inside the message) and extract the signed sales:\n")
        .append("  openssl cms -verify -inform DER -in ")
        .append(CLOSING_FILE)
        .append(" -binary -nointern -certfile ")
        .append(OUTLET_CERTIFICATE_FILE)
        .append(" -CAfile ")
        .append(OUTLET_CERTIFICATE_FILE)
        .append(" -out closing.json\n\n")
        .append("2. Check that the signed sales are the ones HQ stored:\n")
        .append("  openssl dgst -sha256 closing.json\n")
        .append("   prints ")
        .append(c.contentDigest())
        .append('\n');
    if (bundle.signedReceipt() != null) {
      text.append("\n3. Verify HQ's receipt with HQ's certificate alone:\n")
          .append("  openssl cms -verify -inform DER -in ")
          .append(RECEIPT_FILE)
          .append(" -binary -nointern -certfile ")
          .append(HQ_CERTIFICATE_FILE)
          .append(" -CAfile ")
          .append(HQ_CERTIFICATE_FILE)
          .append(" -out receipt.json\n")
          .append("   receipt.json lists messageId ")
          .append(c.messageId())
          .append(" with contentDigest ")
          .append(c.contentDigest())
          .append(".\n");
    }
    text.append(
            "\nEach command must exit with status 0 (\"Verification successful\"); a script must\n")
        .append("check the exit status before it trusts any output file, since openssl may write\n")
        .append("output before it reports a failure.\n");
    return text.toString();
  }
}
