package io.outpost.keystore;

import io.outpost.keystore.KeystoreException.Reason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Keeps a {@link TrustStore} on disk under {@code DIR/trusted/}.
 *
 * <p>Layout: {@code trusted/<peerId>/<sha256>.pem} for each pinned certificate, and a {@code
 * trusted/<peerId>/<sha256>.revoked} marker (holding the revocation time) beside it once that
 * certificate is revoked. A revoked certificate stays on disk so that its signatures are recognised
 * and refused. Loading checks that every file's name matches its certificate's fingerprint and
 * common name.
 */
public final class TrustDirectory {

  public static final String TRUSTED = "trusted";

  private static final String PEM_SUFFIX = ".pem";
  private static final String REVOKED_SUFFIX = ".revoked";
  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

  private TrustDirectory() {}

  /** The pins under {@code dir/trusted}; empty when nothing was ever pinned. */
  public static TrustStore load(Path dir) throws KeystoreException {
    Path trusted = dir.resolve(TRUSTED);
    if (!Files.exists(trusted)) {
      return TrustStore.empty();
    }
    if (!Files.isDirectory(trusted)) {
      throw new KeystoreException(
          Reason.CORRUPT_FILE, trusted + " is not a directory; move it away and pin again");
    }
    List<PinnedCertificate> pins = new ArrayList<>();
    try (DirectoryStream<Path> peers = Files.newDirectoryStream(trusted)) {
      for (Path peerDir : peers) {
        String name = peerDir.getFileName().toString();
        if (isHidden(name)) {
          continue;
        }
        if (!PartyIds.isValid(name) || !Files.isDirectory(peerDir)) {
          throw unexpected(peerDir, "peer directories are named by party id");
        }
        pins.addAll(loadPeer(peerDir, name));
      }
    } catch (IOException e) {
      throw new KeystoreException(Reason.IO, "cannot read " + trusted + ": " + e.getMessage(), e);
    }
    pins.sort(
        Comparator.comparing(PinnedCertificate::peerId)
            .thenComparing(p -> p.certificate().getNotBefore())
            .thenComparing(PinnedCertificate::fingerprint));
    return TrustStore.of(pins);
  }

  /**
   * Pins {@code certificate} under its CN after checking it against the fingerprint that was
   * compared out of band. Pinning a further certificate for a known peer is rotation: all active
   * ones verify, the newest encrypts. Pinning an already active certificate changes nothing.
   *
   * @throws KeystoreException FINGERPRINT_MISMATCH (both fingerprints in the message), EXPIRED,
   *     INVALID_ARGUMENT (malformed fingerprint, CN not a party id, not RSA), ALREADY_EXISTS (the
   *     certificate was revoked, which is final)
   */
  public static PinnedCertificate pin(
      Path dir, X509Certificate certificate, String expectedFingerprint) throws KeystoreException {
    return pin(dir, certificate, expectedFingerprint, Instant.now());
  }

  static PinnedCertificate pin(
      Path dir, X509Certificate certificate, String expectedFingerprint, Instant at)
      throws KeystoreException {
    String expected = checkFingerprint(expectedFingerprint);
    String actual = Certificates.fingerprint(certificate);
    if (!MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.US_ASCII), actual.getBytes(StandardCharsets.US_ASCII))) {
      throw new KeystoreException(
          Reason.FINGERPRINT_MISMATCH,
          "fingerprint mismatch: expected "
              + Certificates.displayFingerprint(expected)
              + " but the certificate has "
              + Certificates.displayFingerprint(actual)
              + "; do not pin it, get the certificate from its owner again");
    }
    String peerId = peerIdOf(certificate);
    if (at.isAfter(certificate.getNotAfter().toInstant())) {
      throw new KeystoreException(
          Reason.EXPIRED,
          "the certificate of "
              + peerId
              + " expired on "
              + certificate.getNotAfter().toInstant()
              + "; ask "
              + peerId
              + " for its current certificate");
    }
    if (!(certificate.getPublicKey() instanceof RSAPublicKey)) {
      throw new KeystoreException(
          Reason.INVALID_ARGUMENT,
          "the certificate of " + peerId + " has no RSA key; Outpost peers use RSA keys");
    }
    PinnedCertificate pin = new PinnedCertificate(peerId, certificate, false);
    PinnedCertificate existing = load(dir).find(certificate).orElse(null);
    if (existing != null && existing.revoked()) {
      throw new KeystoreException(
          Reason.ALREADY_EXISTS,
          "this certificate of "
              + peerId
              + " was revoked, and a revoked certificate is never trusted again; ask "
              + peerId
              + " to re-key");
    }
    if (existing != null) {
      return existing;
    }
    Path peerDir = dir.resolve(TRUSTED).resolve(peerId);
    try {
      AtomicFiles.createDirectories(peerDir, AtomicFiles.PUBLIC_DIRECTORY);
      AtomicFiles.create(
          peerDir.resolve(actual + PEM_SUFFIX),
          Pem.encode(Pem.CERTIFICATE, certificate.getEncoded()),
          AtomicFiles.PUBLIC);
    } catch (FileAlreadyExistsException e) {
      // Pinned concurrently by another process: the file holds the same certificate.
      return pin;
    } catch (IOException e) {
      throw new KeystoreException(
          Reason.IO, "cannot write to " + peerDir + ": " + e.getMessage(), e);
    } catch (CertificateEncodingException e) {
      throw new KeystoreException(
          Reason.INVALID_ARGUMENT, "the certificate of " + peerId + " cannot be encoded", e);
    }
    return pin;
  }

  /**
   * Revokes every certificate pinned for {@code peerId}; they stay on disk, marked revoked.
   *
   * @return the peer's pins as they are now (all revoked)
   * @throws KeystoreException UNKNOWN_PEER if no certificate of that peer is pinned
   */
  public static List<PinnedCertificate> revoke(Path dir, String peerId) throws KeystoreException {
    List<PinnedCertificate> pins = pinsOf(dir, peerId);
    List<PinnedCertificate> revoked = new ArrayList<>();
    for (PinnedCertificate pin : pins) {
      revoked.add(markRevoked(dir, pin));
    }
    return List.copyOf(revoked);
  }

  /**
   * Revokes one certificate of {@code peerId}, for example the old one after a rotation.
   *
   * @throws KeystoreException UNKNOWN_PEER if that certificate is not pinned for that peer
   */
  public static PinnedCertificate revoke(Path dir, String peerId, String fingerprint)
      throws KeystoreException {
    String wanted = checkFingerprint(fingerprint);
    for (PinnedCertificate pin : pinsOf(dir, peerId)) {
      if (pin.fingerprint().equals(wanted)) {
        return markRevoked(dir, pin);
      }
    }
    throw new KeystoreException(
        Reason.UNKNOWN_PEER,
        "no certificate of "
            + peerId
            + " with fingerprint "
            + Certificates.displayFingerprint(wanted)
            + " is pinned in "
            + dir
            + "; 'keystore show --dir "
            + dir
            + "' lists the pinned certificates");
  }

  private static List<PinnedCertificate> pinsOf(Path dir, String peerId) throws KeystoreException {
    PartyIds.check(peerId);
    List<PinnedCertificate> pins = load(dir).pinned(peerId);
    if (pins.isEmpty()) {
      throw new KeystoreException(
          Reason.UNKNOWN_PEER,
          "no certificate of "
              + peerId
              + " is pinned in "
              + dir
              + "; 'keystore show --dir "
              + dir
              + "' lists the pinned peers");
    }
    return pins;
  }

  private static PinnedCertificate markRevoked(Path dir, PinnedCertificate pin)
      throws KeystoreException {
    if (pin.revoked()) {
      return pin;
    }
    Path marker =
        dir.resolve(TRUSTED).resolve(pin.peerId()).resolve(pin.fingerprint() + REVOKED_SUFFIX);
    try {
      AtomicFiles.create(
          marker,
          ("revoked " + Instant.now() + "\n").getBytes(StandardCharsets.US_ASCII),
          AtomicFiles.PUBLIC);
    } catch (FileAlreadyExistsException e) {
      // Revoked concurrently: the outcome is the same.
    } catch (IOException e) {
      throw new KeystoreException(Reason.IO, "cannot write " + marker + ": " + e.getMessage(), e);
    }
    return pin.revoke();
  }

  private static List<PinnedCertificate> loadPeer(Path peerDir, String peerId)
      throws IOException, KeystoreException {
    List<Path> certificates = new ArrayList<>();
    Set<String> revoked = new HashSet<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(peerDir)) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        if (isHidden(name)) {
          continue;
        }
        if (hasFingerprintName(name, PEM_SUFFIX)) {
          certificates.add(file);
        } else if (hasFingerprintName(name, REVOKED_SUFFIX)) {
          revoked.add(name.substring(0, name.length() - REVOKED_SUFFIX.length()));
        } else {
          throw unexpected(file, "expected <sha256>.pem and <sha256>.revoked files only");
        }
      }
    }
    // A revocation marker without its certificate pins nothing, so it is simply not used.
    List<PinnedCertificate> pins = new ArrayList<>();
    for (Path file : certificates) {
      String name = file.getFileName().toString();
      String fingerprint = name.substring(0, name.length() - PEM_SUFFIX.length());
      X509Certificate certificate = KeyFiles.readCertificate(file);
      if (!Certificates.fingerprint(certificate).equals(fingerprint)) {
        throw new KeystoreException(
            Reason.CORRUPT_FILE,
            file
                + " holds a certificate whose fingerprint is not its file name; remove the file"
                + " and pin the certificate again");
      }
      if (!peerId.equals(commonNameOrNull(certificate))) {
        throw new KeystoreException(
            Reason.CORRUPT_FILE,
            file
                + " holds a certificate that does not name "
                + peerId
                + "; remove the file and pin the certificate again");
      }
      pins.add(new PinnedCertificate(peerId, certificate, revoked.contains(fingerprint)));
    }
    return pins;
  }

  private static String peerIdOf(X509Certificate certificate) throws KeystoreException {
    String cn = commonNameOrNull(certificate);
    if (cn == null) {
      throw new KeystoreException(
          Reason.INVALID_ARGUMENT,
          "the certificate subject '"
              + certificate.getSubjectX500Principal().getName()
              + "' must have exactly one CN, the peer's party id");
    }
    if (!PartyIds.isValid(cn)) {
      throw new KeystoreException(
          Reason.INVALID_ARGUMENT,
          "the certificate's CN '"
              + cn
              + "' is not a party id (lower-case letters, digits and '-'); it is not an Outpost"
              + " certificate");
    }
    return cn;
  }

  private static String commonNameOrNull(X509Certificate certificate) {
    try {
      return Certificates.commonName(certificate);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String checkFingerprint(String typed) throws KeystoreException {
    if (!Certificates.isSha256Fingerprint(typed)) {
      throw new KeystoreException(
          Reason.INVALID_ARGUMENT,
          "'"
              + typed
              + "' is not a SHA-256 fingerprint; give the 64 hex digits that 'keystore"
              + " fingerprint' prints (spaces and colons are fine)");
    }
    return Certificates.normalizeFingerprint(typed);
  }

  private static boolean hasFingerprintName(String name, String suffix) {
    return name.endsWith(suffix)
        && SHA256_HEX.matcher(name.substring(0, name.length() - suffix.length())).matches();
  }

  /** Temporary files of an interrupted write start with a dot; so do editors' and OS files. */
  private static boolean isHidden(String name) {
    return name.startsWith(".");
  }

  private static KeystoreException unexpected(Path entry, String hint) {
    return new KeystoreException(
        Reason.CORRUPT_FILE, "unexpected entry " + entry + " (" + hint + "); move it away");
  }
}
