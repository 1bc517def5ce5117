package io.outpost.keystore.cli;

import io.outpost.keystore.KeyFiles;
import io.outpost.keystore.KeystoreException;
import io.outpost.keystore.PartyIds;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code keystore init}: a new key pair, self-signed certificate and request, written once. */
@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    description = {
      "Creates this party's identity in DIR:",
      "  private.pem  the private key, encrypted, owner-only",
      "  cert.pem     the self-signed certificate peers pin",
      "  csr.pem      a certification request for the same key",
      "Prints the certificate's SHA-256 fingerprint for peers to compare before they pin it."
    })
final class InitCommand implements Callable<Integer> {

  private final Session session;

  @Spec private CommandSpec spec;

  @Option(
      names = "--id",
      required = true,
      paramLabel = "ID",
      description = "Party id, e.g. hq or outlet-042.")
  private String id;

  @Option(
      names = "--dir",
      required = true,
      paramLabel = "DIR",
      description = "Identity directory to create.")
  private Path dir;

  @Mixin private NewKeyOptions newKey;

  InitCommand(Session session) {
    this.session = session;
  }

  @Override
  public Integer call() throws KeystoreException {
    checkOptions();
    KeyFiles.requireNoIdentity(dir);
    Instant now = Instant.now();
    NewKeyOptions.NewKey made = newKey.generate(id, session.passwords(), now);
    KeyFiles.write(dir, made.generated(), made.password());
    print(made.generated().identity().certificate(), now);
    return KeystoreCli.OK;
  }

  private void checkOptions() {
    if (!PartyIds.isValid(id)) {
      throw new ParameterException(spec.commandLine(), Usage.notAPartyId("--id", id));
    }
    newKey.check(spec);
  }

  private void print(X509Certificate certificate, Instant now) {
    PrintStream out = session.out();
    out.println("Created identity " + id + " in " + dir);
    out.println("  private key  " + KeyFiles.privateKeyFile(dir) + " (encrypted, owner-only)");
    out.println("  certificate  " + KeyFiles.certificateFile(dir));
    out.println("  request      " + KeyFiles.requestFile(dir));
    out.println("  expires      " + Display.expiry(certificate, now));
    out.println("SHA-256 fingerprint (peers compare it out of band before they pin cert.pem):");
    out.println("  " + Display.fingerprint(certificate));
  }
}
