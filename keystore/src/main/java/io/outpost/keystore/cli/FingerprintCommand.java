package io.outpost.keystore.cli;

import io.outpost.keystore.Certificates;
import io.outpost.keystore.KeyFiles;
import io.outpost.keystore.KeystoreException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code keystore fingerprint}: what two people read to each other before pinning. */
@Command(
    name = "fingerprint",
    mixinStandardHelpOptions = true,
    description = "Prints a certificate's subject, SHA-256 fingerprint and expiry.")
final class FingerprintCommand implements Callable<Integer> {

  private final Session session;

  @Option(
      names = "--cert",
      required = true,
      paramLabel = "FILE.pem",
      description = "Certificate (PEM).")
  private Path certificateFile;

  @Option(
      names = "--hex",
      description = "Print only the fingerprint as 64 hex digits, for scripts.")
  private boolean hexOnly;

  FingerprintCommand(Session session) {
    this.session = session;
  }

  @Override
  public Integer call() throws KeystoreException {
    X509Certificate certificate = KeyFiles.readCertificate(certificateFile);
    PrintStream out = session.out();
    if (hexOnly) {
      out.println(Certificates.fingerprint(certificate));
      return KeystoreCli.OK;
    }
    out.println("subject  " + certificate.getSubjectX500Principal().getName());
    out.println("SHA-256  " + Display.fingerprint(certificate));
    out.println("expires  " + Display.expiry(certificate, Instant.now()));
    return KeystoreCli.OK;
  }
}
