package io.outpost.keystore.rotation;

import io.outpost.keystore.AtomicFiles;
import io.outpost.keystore.Certificates;
import io.outpost.keystore.KeyFiles;
import io.outpost.keystore.KeystoreException;
import io.outpost.keystore.KeystoreException.Reason;
import io.outpost.keystore.PartyIds;
import io.outpost.keystore.PinnedCertificate;
import io.outpost.keystore.TrustDirectory;
import io.outpost.keystore.TrustStore;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerId;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * Certificates that peers announced as their next one, kept until a person confirms them.
 *
 * <p>An announcement that verified is kept under {@code DIR/announced/<peerId>/} as three files
 * named by the new certificate's fingerprint: {@code .pem} (the certificate), {@code .p7s} (the
 * signed announcement exactly as received, as evidence) and {@code .properties} (when it came, its
 * message id, and the fingerprint of the pinned certificate that signed it). Nothing here pins a
 * certificate on its own: {@link #confirm} does, given the fingerprint the peer read out over
 * another channel, and only while the certificate that signed the announcement is still trusted.
 */
public final class PendingCertificates {

  /** The directory of pending certificates, under the identity directory. */
  public static final String ANNOUNCED = "announced";

  /** Clocks disagree a little; a certificate made just now elsewhere is still accepted. */
  static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

  private static final String PEM = ".pem";
  private static final String EVIDENCE = ".p7s";
  private static final String FACTS = ".properties";
  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

  private PendingCertificates() {}

  /**
   * One announced certificate.
   *
   * @param messageId the announcement's message id
   * @param signedBy the fingerprint of the pinned certificate that signed the announcement
   */
  public record Pending(
      String peerId,
      X509Certificate certificate,
      Instant receivedAt,
      String messageId,
      String signedBy) {

    public Pending {
      Objects.requireNonNull(peerId, "peerId");
      Objects.requireNonNull(certificate, "certificate");
      Objects.requireNonNull(receivedAt, "receivedAt");
      Objects.requireNonNull(messageId, "messageId");
      Objects.requireNonNull(signedBy, "signedBy");
    }

    public String fingerprint() {
      return Certificates.fingerprint(certificate);
    }
  }

  /**
   * Checks that {@code certificate} may become a pin of {@code peerId}: it names the peer, holds an
   * RSA key of at least 2048 bits, is self-signed by that key (so its sender holds the private
   * key), is valid now, and is neither pinned already nor revoked.
   *
   * @throws KeystoreException INVALID_ARGUMENT, EXPIRED or ALREADY_EXISTS saying which rule failed
   */
  public static void check(
      TrustStore trust, String peerId, X509Certificate certificate, Instant now)
      throws KeystoreException {
    String subject;
    try {
      subject = Certificates.commonName(certificate);
    } catch (IllegalArgumentException e) {
      subject = null;
    }
    if (!peerId.equals(subject)) {
      throw new KeystoreException(
          Reason.INVALID_ARGUMENT, "the announced certificate does not name " + peerId);
    }
    if (!(certificate.getPublicKey() instanceof RSAPublicKey rsa)
        || rsa.getModulus().bitLength() < 2048) {
      throw new KeystoreException(
          Reason.INVALID_ARGUMENT,
          "the announced certificate of " + peerId + " has no RSA key of at least 2048 bits");
    }
    try {
      certificate.verify(certificate.getPublicKey());
    } catch (GeneralSecurityException e) {
      throw new KeystoreException(
          Reason.INVALID_ARGUMENT,
          "the announced certificate of "
              + peerId
              + " is not signed by its own key; its sender may not hold that key");
    }
    if (now.plus(CLOCK_SKEW).isBefore(certificate.getNotBefore().toInstant())
        || now.isAfter(certificate.getNotAfter().toInstant())) {
      throw new KeystoreException(
          Reason.EXPIRED,
          "the announced certificate of "
              + peerId
              + " is valid from "
              + certificate.getNotBefore().toInstant()
              + " to "
              + certificate.getNotAfter().toInstant()
              + ", not now");
    }
    Optional<PinnedCertificate> pinned = trust.find(certificate);
    if (pinned.isPresent()) {
      throw new KeystoreException(
          Reason.ALREADY_EXISTS,
          "the announced certificate of "
              + peerId
              + (pinned.get().revoked()
                  ? " was revoked, and a revoked certificate is never trusted again"
                  : " is pinned already"));
    }
  }

  /**
   * The pin among {@code candidates} that a SignedData's one signer names, by issuer and serial
   * number or by subject key identifier. Used after the signature verified, to record which of a
   * peer's certificates signed.
   */
  public static Optional<PinnedCertificate> signerOf(
      byte[] signedData, List<PinnedCertificate> candidates) {
    SignerId signer;
    try {
      List<SignerInformation> signers =
          List.copyOf(new CMSSignedData(signedData).getSignerInfos().getSigners());
      if (signers.size() != 1) {
        return Optional.empty();
      }
      signer = signers.get(0).getSID();
    } catch (CMSException | RuntimeException e) {
      return Optional.empty();
    }
    for (PinnedCertificate candidate : candidates) {
      try {
        if (signer.match(new X509CertificateHolder(candidate.certificate().getEncoded()))) {
          return Optional.of(candidate);
        }
      } catch (CertificateEncodingException | IOException e) {
        // A pin that cannot be encoded cannot have signed either.
      }
    }
    return Optional.empty();
  }

  /**
   * Keeps an announced certificate as pending.
   *
   * @return false when the same certificate of that peer was pending already
   */
  public static boolean keep(Path dir, Pending pending, byte[] signedMessage)
      throws KeystoreException {
    PartyIds.check(pending.peerId());
    Path peerDir = peerDir(dir, pending.peerId());
    String name = pending.fingerprint();
    Properties facts = new Properties();
    facts.setProperty("receivedAt", pending.receivedAt().toString());
    facts.setProperty("messageId", pending.messageId());
    facts.setProperty("signedBy", pending.signedBy());
    try {
      AtomicFiles.createDirectories(dir.resolve(ANNOUNCED), AtomicFiles.PUBLIC_DIRECTORY);
      AtomicFiles.createDirectories(peerDir, AtomicFiles.PUBLIC_DIRECTORY);
      if (Files.exists(peerDir.resolve(name + PEM))) {
        return false;
      }
      createOrKeep(peerDir.resolve(name + EVIDENCE), signedMessage);
      createOrKeep(peerDir.resolve(name + FACTS), text(facts));
      // The certificate last: an entry counts as pending once its .pem exists.
      AtomicFiles.create(
          peerDir.resolve(name + PEM), pem(pending.certificate()), AtomicFiles.PUBLIC);
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (IOException e) {
      throw new KeystoreException(
          Reason.IO, "cannot write to " + peerDir + ": " + e.getMessage(), e);
    }
  }

  /** Every pending certificate, by peer and then by arrival. */
  public static List<Pending> list(Path dir) throws KeystoreException {
    Path announced = dir.resolve(ANNOUNCED);
    List<Pending> all = new ArrayList<>();
    if (!Files.isDirectory(announced)) {
      return all;
    }
    try (DirectoryStream<Path> peers = Files.newDirectoryStream(announced)) {
      for (Path peerDir : peers) {
        String peerId = peerDir.getFileName().toString();
        if (!PartyIds.isValid(peerId) || !Files.isDirectory(peerDir)) {
          continue;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(peerDir, "*" + PEM)) {
          for (Path file : files) {
            String name = file.getFileName().toString();
            String fingerprint = name.substring(0, name.length() - PEM.length());
            if (SHA256_HEX.matcher(fingerprint).matches()) {
              all.add(read(peerDir, peerId, fingerprint));
            }
          }
        }
      }
    } catch (IOException e) {
      throw new KeystoreException(Reason.IO, "cannot read " + announced + ": " + e.getMessage(), e);
    }
    all.sort(Comparator.comparing(Pending::peerId).thenComparing(Pending::receivedAt));
    return all;
  }

  /** The pending certificate of {@code peerId} with this fingerprint (any common spelling). */
  public static Optional<Pending> find(Path dir, String peerId, String fingerprint)
      throws KeystoreException {
    if (!PartyIds.isValid(peerId) || !Certificates.isSha256Fingerprint(fingerprint)) {
      return Optional.empty();
    }
    Path peerDir = peerDir(dir, peerId);
    String name = Certificates.normalizeFingerprint(fingerprint);
    if (!Files.exists(peerDir.resolve(name + PEM))) {
      return Optional.empty();
    }
    return Optional.of(read(peerDir, peerId, name));
  }

  /** The signed announcement of a pending certificate, as it was received. */
  public static Path evidenceFile(Path dir, Pending pending) {
    return peerDir(dir, pending.peerId()).resolve(pending.fingerprint() + EVIDENCE);
  }

  /**
   * Pins a pending certificate after a person compared its fingerprint with the peer out of band.
   * Refused when the certificate that signed the announcement is no longer trusted (revoked since:
   * the announcement may come from whoever stole that key), or when the certificate no longer
   * passes {@link #check}.
   *
   * @throws KeystoreException UNKNOWN_PEER when nothing with that fingerprint is pending for the
   *     peer; INVALID_ARGUMENT, EXPIRED or ALREADY_EXISTS when it may not be pinned
   */
  public static PinnedCertificate confirm(Path dir, String peerId, String fingerprint, Instant now)
      throws KeystoreException {
    Pending pending =
        find(dir, peerId, fingerprint)
            .orElseThrow(
                () ->
                    new KeystoreException(
                        Reason.UNKNOWN_PEER,
                        "no announced certificate of "
                            + peerId
                            + " has the fingerprint "
                            + (Certificates.isSha256Fingerprint(fingerprint)
                                ? Certificates.displayFingerprint(fingerprint)
                                : "'" + fingerprint + "'")
                            + "; pin only the fingerprint "
                            + peerId
                            + " read out to you, and list what was announced with 'keys"
                            + " pending'"));
    TrustStore trust = TrustDirectory.load(dir);
    PinnedCertificate announcer =
        trust.pinned(peerId).stream()
            .filter(p -> p.fingerprint().equals(pending.signedBy()))
            .findFirst()
            .orElse(null);
    if (announcer == null || announcer.revoked()) {
      throw new KeystoreException(
          Reason.INVALID_ARGUMENT,
          "the announcement was signed with the certificate "
              + Certificates.displayFingerprint(pending.signedBy())
              + " of "
              + peerId
              + ", which is "
              + (announcer == null ? "no longer pinned" : "revoked")
              + ": it cannot vouch for a new key; drop it with 'keys reject' and re-key "
              + peerId
              + " in person");
    }
    check(trust, peerId, pending.certificate(), now);
    PinnedCertificate pin = TrustDirectory.pin(dir, pending.certificate(), fingerprint);
    remove(dir, pending);
    return pin;
  }

  /**
   * Drops a pending certificate without pinning it.
   *
   * @throws KeystoreException UNKNOWN_PEER when nothing with that fingerprint is pending
   */
  public static Pending reject(Path dir, String peerId, String fingerprint)
      throws KeystoreException {
    Pending pending =
        find(dir, peerId, fingerprint)
            .orElseThrow(
                () ->
                    new KeystoreException(
                        Reason.UNKNOWN_PEER,
                        "no announced certificate of " + peerId + " has that fingerprint"));
    remove(dir, pending);
    return pending;
  }

  /** Drops every pending certificate of a peer (when the peer itself is revoked). */
  public static List<Pending> rejectAll(Path dir, String peerId) throws KeystoreException {
    List<Pending> dropped = new ArrayList<>();
    for (Pending pending : list(dir)) {
      if (pending.peerId().equals(peerId)) {
        remove(dir, pending);
        dropped.add(pending);
      }
    }
    return dropped;
  }

  private static void remove(Path dir, Pending pending) throws KeystoreException {
    Path peerDir = peerDir(dir, pending.peerId());
    String name = pending.fingerprint();
    try {
      // The certificate first: once it is gone the entry no longer counts as pending.
      Files.deleteIfExists(peerDir.resolve(name + PEM));
      Files.deleteIfExists(peerDir.resolve(name + FACTS));
      Files.deleteIfExists(peerDir.resolve(name + EVIDENCE));
      AtomicFiles.syncDirectory(peerDir);
    } catch (IOException e) {
      throw new KeystoreException(Reason.IO, "cannot remove from " + peerDir + ": " + e, e);
    }
  }

  private static Pending read(Path peerDir, String peerId, String fingerprint)
      throws KeystoreException {
    X509Certificate certificate = KeyFiles.readCertificate(peerDir.resolve(fingerprint + PEM));
    if (!Certificates.fingerprint(certificate).equals(fingerprint)) {
      throw new KeystoreException(
          Reason.CORRUPT_FILE,
          peerDir.resolve(fingerprint + PEM) + " does not hold the certificate it is named after");
    }
    Path factsFile = peerDir.resolve(fingerprint + FACTS);
    Properties facts = new Properties();
    try {
      facts.load(new StringReader(Files.readString(factsFile, StandardCharsets.UTF_8)));
      return new Pending(
          peerId,
          certificate,
          Instant.parse(facts.getProperty("receivedAt")),
          Objects.requireNonNull(facts.getProperty("messageId"), "messageId"),
          Objects.requireNonNull(facts.getProperty("signedBy"), "signedBy"));
    } catch (NoSuchFileException e) {
      throw new KeystoreException(Reason.MISSING_FILE, factsFile + " is missing", e);
    } catch (IOException | DateTimeException | NullPointerException e) {
      throw new KeystoreException(
          Reason.CORRUPT_FILE, factsFile + " cannot be read: " + e.getMessage(), e);
    }
  }

  private static void createOrKeep(Path file, byte[] content) throws IOException {
    try {
      AtomicFiles.create(file, content, AtomicFiles.PUBLIC);
    } catch (FileAlreadyExistsException e) {
      // Left by an interrupted keep of the same announcement; the next write completes it.
      Files.delete(file);
      AtomicFiles.create(file, content, AtomicFiles.PUBLIC);
    }
  }

  private static Path peerDir(Path dir, String peerId) {
    return dir.resolve(ANNOUNCED).resolve(peerId);
  }

  /** The values as properties text, without the date comment that Properties.store writes. */
  private static byte[] text(Properties properties) {
    StringBuilder text = new StringBuilder();
    for (String key : new TreeSet<>(properties.stringPropertyNames())) {
      text.append(key).append('=').append(properties.getProperty(key)).append('\n');
    }
    return text.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private static byte[] pem(X509Certificate certificate) throws IOException {
    StringWriter text = new StringWriter();
    try (PemWriter writer = new PemWriter(text)) {
      writer.writeObject(new PemObject("CERTIFICATE", certificate.getEncoded()));
    } catch (CertificateEncodingException e) {
      throw new IOException("the certificate cannot be encoded", e);
    }
    return text.toString().getBytes(StandardCharsets.US_ASCII);
  }
}
