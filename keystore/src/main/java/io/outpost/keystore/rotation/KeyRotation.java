package io.outpost.keystore.rotation;

import io.outpost.keystore.AtomicFiles;
import io.outpost.keystore.Certificates;
import io.outpost.keystore.Identity;
import io.outpost.keystore.IdentityGenerator.GeneratedIdentity;
import io.outpost.keystore.KeyFiles;
import io.outpost.keystore.KeystoreException;
import io.outpost.keystore.KeystoreException.Reason;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Our own key over time, like a keyset with one primary: the identity in {@code DIR} is primary,
 * {@code DIR/next/} is the key that takes over, and {@code DIR/previous/<sha256>/} keeps each key
 * that was primary before, so that messages sealed for it can still be opened.
 *
 * <p>Rotation is: {@link #prepare} the next identity (same party id, new key pair), let every peer
 * pin its certificate, then {@link #promote} it. Promotion archives the current identity first and
 * then moves the next one into place file by file; an interrupted promotion is finished by running
 * it again. Nothing here overwrites a private key that is not archived.
 */
public final class KeyRotation {

  /** The next identity, under the identity directory. */
  public static final String NEXT = "next";

  /** Former identities, one directory per certificate fingerprint. */
  public static final String PREVIOUS = "previous";

  // The certificate moves last: its presence in next/ means the promotion is not finished.
  private static final List<String> MOVE_ORDER =
      List.of(KeyFiles.REQUEST_FILE, KeyFiles.PRIVATE_KEY_FILE, KeyFiles.CERTIFICATE_FILE);

  private KeyRotation() {}

  /**
   * What a promotion did: the certificate that was primary, the new one, and where the old went.
   */
  public record Promotion(X509Certificate previous, X509Certificate current, Path archived) {}

  public static Path nextDir(Path dir) {
    return dir.resolve(NEXT);
  }

  public static Path previousDir(Path dir) {
    return dir.resolve(PREVIOUS);
  }

  /** The certificate of the prepared next identity, if there is one. */
  public static Optional<X509Certificate> nextCertificate(Path dir) throws KeystoreException {
    Path file = KeyFiles.certificateFile(nextDir(dir));
    return Files.exists(file) ? Optional.of(KeyFiles.readCertificate(file)) : Optional.empty();
  }

  /** The certificates of former identities, oldest first. */
  public static List<X509Certificate> previousCertificates(Path dir) throws KeystoreException {
    List<X509Certificate> certificates = new ArrayList<>();
    for (Path archived : archives(dir)) {
      certificates.add(KeyFiles.readCertificate(KeyFiles.certificateFile(archived)));
    }
    certificates.sort(Comparator.comparing(X509Certificate::getNotBefore));
    return certificates;
  }

  /**
   * Writes {@code generated} as the next identity of the party in {@code dir}.
   *
   * @throws KeystoreException MISSING_FILE if {@code dir} holds no identity; INVALID_ARGUMENT if
   *     the new identity names another party; ALREADY_EXISTS if a next identity is already prepared
   */
  public static X509Certificate prepare(Path dir, GeneratedIdentity generated, char[] password)
      throws KeystoreException {
    try {
      X509Certificate current = KeyFiles.readIdentityCertificate(dir);
      String id = Certificates.commonName(current);
      Identity next = generated.identity();
      if (!next.id().equals(id)) {
        throw new KeystoreException(
            Reason.INVALID_ARGUMENT,
            "the next identity must keep the party id '" + id + "', not '" + next.id() + "'");
      }
      if (Files.exists(KeyFiles.certificateFile(nextDir(dir)))
          || Files.exists(KeyFiles.privateKeyFile(nextDir(dir)))) {
        throw new KeystoreException(
            Reason.ALREADY_EXISTS,
            nextDir(dir)
                + " already holds the next identity; promote it with 'keystore promote --dir "
                + dir
                + "', or move it away to start over");
      }
      KeyFiles.write(nextDir(dir), generated, password.clone());
      return next.certificate();
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  /**
   * Makes the next identity primary. The password is the next key's; it is checked before anything
   * moves.
   *
   * @throws KeystoreException MISSING_FILE when no next identity is prepared; WRONG_PASSWORD,
   *     CORRUPT_FILE or EXPIRED when the next identity cannot be loaded; IO
   */
  public static Promotion promote(Path dir, char[] password) throws KeystoreException {
    try {
      Path next = nextDir(dir);
      Path nextCertificateFile = requirePrepared(dir);
      X509Certificate nextCertificate = KeyFiles.readCertificate(nextCertificateFile);
      if (Files.exists(KeyFiles.privateKeyFile(next))) {
        // The key must open with its password and belong to its certificate before it is used.
        KeyFiles.load(next, password.clone());
      } else {
        requireKeyAlreadyMoved(dir, password);
      }
      X509Certificate current = KeyFiles.readIdentityCertificate(dir);
      String currentFingerprint = Certificates.fingerprint(current);
      Path archived = previousDir(dir).resolve(currentFingerprint);
      if (!currentFingerprint.equals(Certificates.fingerprint(nextCertificate))) {
        archive(dir, archived);
      }
      for (String name : MOVE_ORDER) {
        Path source = next.resolve(name);
        if (Files.exists(source)) {
          AtomicFiles.replace(source, dir.resolve(name));
        }
      }
      deleteQuietly(next);
      return new Promotion(current, nextCertificate, archived);
    } catch (IOException e) {
      throw new KeystoreException(
          Reason.IO,
          "promotion in " + dir + " stopped: " + e.getMessage() + "; run 'keystore promote' again",
          e);
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  /**
   * Checks that a next identity is prepared, before anyone is asked for its password.
   *
   * @return its certificate file
   * @throws KeystoreException MISSING_FILE when there is none
   */
  public static Path requirePrepared(Path dir) throws KeystoreException {
    Path next = nextDir(dir);
    Path certificateFile = KeyFiles.certificateFile(next);
    if (Files.exists(certificateFile)) {
      return certificateFile;
    }
    if (Files.isDirectory(next) && isEmptyButLeftovers(next)) {
      // A promotion stopped after its last move: only the empty directory is left.
      deleteQuietly(next);
    }
    throw new KeystoreException(
        Reason.MISSING_FILE,
        "no next identity in "
            + next
            + "; prepare one with 'keystore next --dir "
            + dir
            + "' and have every peer pin it first");
  }

  /**
   * Loads the identities we hold besides the primary one: the next (so that a peer that pinned it
   * early can already seal for it) and every former one still valid now (for messages sealed for it
   * before the switch). Expired or unreadable ones are skipped and reported to {@code skipped}.
   *
   * @param password called once per identity; the array is cleared after use
   */
  public static List<Identity> loadOthers(
      Path dir, Supplier<char[]> password, Instant now, Consumer<String> skipped)
      throws KeystoreException {
    List<Path> candidates = new ArrayList<>();
    if (Files.exists(KeyFiles.certificateFile(nextDir(dir)))
        && Files.exists(KeyFiles.privateKeyFile(nextDir(dir)))) {
      candidates.add(nextDir(dir));
    }
    candidates.addAll(archives(dir));
    List<Identity> identities = new ArrayList<>();
    for (Path candidate : candidates) {
      X509Certificate certificate = KeyFiles.readCertificate(KeyFiles.certificateFile(candidate));
      if (!Certificates.isValidAt(certificate, now)) {
        skipped.accept(candidate + " (its certificate is not valid now)");
        continue;
      }
      identities.add(KeyFiles.load(candidate, password.get()));
    }
    return identities;
  }

  /**
   * A next/ with a certificate but no key is what an interrupted promotion leaves, once the key has
   * moved: then the key in {@code dir} no longer matches the certificate beside it. If it still
   * does, next/ was never a complete identity, and moving its certificate would break ours.
   */
  private static void requireKeyAlreadyMoved(Path dir, char[] password) throws KeystoreException {
    try {
      KeyFiles.load(dir, password.clone());
    } catch (KeystoreException e) {
      if (e.reason() == Reason.CORRUPT_FILE) {
        return;
      }
    }
    throw new KeystoreException(
        Reason.MISSING_FILE,
        nextDir(dir)
            + " holds a certificate but no private.pem, and "
            + dir
            + " still holds its own key: next/ is not a complete identity; restore"
            + " next/private.pem or move next/ away");
  }

  private static void archive(Path dir, Path archived) throws IOException, KeystoreException {
    if (Files.exists(KeyFiles.certificateFile(archived))) {
      return;
    }
    AtomicFiles.createDirectories(previousDir(dir), AtomicFiles.OWNER_ONLY_DIRECTORY);
    AtomicFiles.createDirectories(archived, AtomicFiles.OWNER_ONLY_DIRECTORY);
    for (String name : MOVE_ORDER) {
      Path source = dir.resolve(name);
      if (!Files.exists(source)) {
        if (name.equals(KeyFiles.REQUEST_FILE)) {
          continue;
        }
        throw new KeystoreException(
            Reason.MISSING_FILE, source + " is missing; the current identity cannot be archived");
      }
      try {
        AtomicFiles.create(
            archived.resolve(name),
            Files.readAllBytes(source),
            name.equals(KeyFiles.PRIVATE_KEY_FILE) ? AtomicFiles.OWNER_ONLY : AtomicFiles.PUBLIC);
      } catch (FileAlreadyExistsException e) {
        // Copied by an earlier, interrupted promotion: the current files are still the old ones.
      }
    }
  }

  private static List<Path> archives(Path dir) throws KeystoreException {
    Path previous = previousDir(dir);
    List<Path> archived = new ArrayList<>();
    if (!Files.isDirectory(previous)) {
      return archived;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(previous)) {
      for (Path entry : entries) {
        if (!entry.getFileName().toString().startsWith(".")
            && Files.exists(KeyFiles.certificateFile(entry))) {
          archived.add(entry);
        }
      }
    } catch (IOException e) {
      throw new KeystoreException(Reason.IO, "cannot read " + previous + ": " + e.getMessage(), e);
    }
    archived.sort(Comparator.naturalOrder());
    return archived;
  }

  private static boolean isEmptyButLeftovers(Path directory) {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
      for (Path entry : entries) {
        if (!entry.getFileName().toString().startsWith(".")) {
          return false;
        }
      }
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void deleteQuietly(Path directory) {
    try {
      AtomicFiles.deleteDirectory(directory);
    } catch (IOException e) {
      // An empty next/ left behind is harmless: without cert.pem it is not an identity.
    }
  }
}
