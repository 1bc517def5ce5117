package io.outpost.keystore.cli;

import io.outpost.keystore.KeystoreException;
import io.outpost.keystore.rotation.KeyRotation;
import io.outpost.keystore.rotation.PendingCertificates;
import io.outpost.keystore.rotation.PendingCertificates.Pending;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The part of {@code show} about keys over time: next, previous and announced certificates. */
final class RotationView {

  private RotationView() {}

  /** Prints the next and previous identities; adds expiry warnings for the next one. */
  static void printOwn(PrintStream out, Path dir, Instant now, List<String> warnings)
      throws KeystoreException {
    Optional<X509Certificate> next = KeyRotation.nextCertificate(dir);
    if (next.isPresent()) {
      out.println("  next     SHA-256 " + Display.fingerprint(next.get()));
      out.println(
          "           expires "
              + Display.expiry(next.get(), now)
              + "; promote it with 'keystore"
              + " promote' once every peer pinned it");
      String warning =
          Display.expiryWarning(
              "the next certificate", next.get(), now, "prepare another with 'keystore next'");
      if (warning != null) {
        warnings.add(warning);
      }
    }
    for (X509Certificate previous : KeyRotation.previousCertificates(dir)) {
      out.println("  previous SHA-256 " + Display.fingerprint(previous));
      out.println(
          "           expires "
              + Display.expiry(previous, now)
              + "; kept to open what was sealed for it");
    }
  }

  /** Prints the certificates peers announced that wait for a person to confirm them. */
  static void printAnnounced(PrintStream out, Path dir, Instant now) throws KeystoreException {
    List<Pending> pending = PendingCertificates.list(dir);
    if (pending.isEmpty()) {
      return;
    }
    out.println("Announced, waiting for confirmation of the fingerprint out of band:");
    for (Pending p : pending) {
      out.println("  " + p.peerId() + "  received " + Display.time(p.receivedAt()));
      out.println("    SHA-256  " + Display.fingerprint(p.certificate()));
      out.println("    expires  " + Display.expiry(p.certificate(), now));
    }
  }
}
