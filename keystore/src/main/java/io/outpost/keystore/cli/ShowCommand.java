package io.outpost.keystore.cli;

import io.outpost.keystore.Certificates;
import io.outpost.keystore.KeyFiles;
import io.outpost.keystore.KeystoreException;
import io.outpost.keystore.PinnedCertificate;
import io.outpost.keystore.TrustDirectory;
import io.outpost.keystore.TrustStore;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code keystore show}: this identity and every pinned peer, with expiry warnings. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description = {
      "Shows this party's identity and every pinned peer certificate with its status and expiry.",
      "Warns about certificates that have expired or expire within 30 days."
    })
final class ShowCommand implements Callable<Integer> {

  private final Session session;

  @Option(names = "--dir", required = true, paramLabel = "DIR", description = "Identity directory.")
  private Path dir;

  ShowCommand(Session session) {
    this.session = session;
  }

  @Override
  public Integer call() throws KeystoreException {
    if (!Files.isDirectory(dir)) {
      throw new KeystoreException(
          KeystoreException.Reason.MISSING_FILE,
          dir
              + " does not exist; create an identity with 'keystore init --id ID --dir "
              + dir
              + "'");
    }
    PrintStream out = session.out();
    Instant now = Instant.now();
    List<String> warnings = new ArrayList<>();
    if (Files.exists(KeyFiles.certificateFile(dir))) {
      X509Certificate own = KeyFiles.readIdentityCertificate(dir);
      String id = idOf(own);
      out.println("Identity  " + id);
      out.println("  SHA-256  " + Display.fingerprint(own));
      out.println("  expires  " + Display.expiry(own, now));
      addWarning(
          warnings,
          Display.expiryWarning(
              "the certificate of " + id + " (this identity)",
              own,
              now,
              "re-key: run 'keystore next', have every peer pin the new certificate, then"
                  + " 'keystore promote'"));
      RotationView.printOwn(out, dir, now, warnings);
    } else {
      out.println(
          "Identity  none (no cert.pem; create one with 'keystore init --id ID --dir "
              + dir
              + "')");
    }
    TrustStore store = TrustDirectory.load(dir);
    if (store.all().isEmpty()) {
      out.println(
          "Pinned peers: none (pin one with 'keystore trust --dir "
              + dir
              + " --cert PEER.pem --fingerprint HEX')");
    } else {
      out.println("Pinned peers:");
      for (PinnedCertificate pin : store.all()) {
        printPin(out, store, pin, now);
        if (!pin.revoked()) {
          addWarning(
              warnings,
              Display.expiryWarning(
                  "the certificate of "
                      + pin.peerId()
                      + " ("
                      + Display.shortFingerprint(pin.certificate())
                      + ")",
                  pin.certificate(),
                  now,
                  "ask " + pin.peerId() + " for a new certificate and pin it"));
        }
      }
    }
    RotationView.printAnnounced(out, dir, now);
    warnings.forEach(out::println);
    return KeystoreCli.OK;
  }

  private static void printPin(
      PrintStream out, TrustStore store, PinnedCertificate pin, Instant now) {
    Optional<X509Certificate> encrypting = store.encryptionCertificate(pin.peerId(), now);
    String status;
    if (pin.revoked()) {
      status = "revoked";
    } else if (encrypting.isPresent() && encrypting.get().equals(pin.certificate())) {
      status = "active, encrypts";
    } else {
      status = "active";
    }
    out.println("  " + pin.peerId() + "  " + status);
    out.println("    SHA-256  " + Display.fingerprint(pin.certificate()));
    out.println("    expires  " + Display.expiry(pin.certificate(), now));
  }

  private static void addWarning(List<String> warnings, String warning) {
    if (warning != null) {
      warnings.add(warning);
    }
  }

  private static String idOf(X509Certificate certificate) {
    try {
      return Certificates.commonName(certificate);
    } catch (IllegalArgumentException e) {
      return certificate.getSubjectX500Principal().getName();
    }
  }
}
