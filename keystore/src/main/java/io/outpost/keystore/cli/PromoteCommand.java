package io.outpost.keystore.cli;

import io.outpost.keystore.KeystoreException;
import io.outpost.keystore.rotation.KeyRotation;
import io.outpost.keystore.rotation.KeyRotation.Promotion;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code keystore promote}: the next identity becomes the one that signs. */
@Command(
    name = "promote",
    mixinStandardHelpOptions = true,
    description = {
      "Makes DIR/next/ this party's identity. The current one moves to DIR/previous/<sha256>/,",
      "where services that open messages keep using it for what was sealed for it.",
      "Run it only once every peer has pinned the next certificate. An interrupted",
      "promotion is finished by running it again."
    })
final class PromoteCommand implements Callable<Integer> {

  private final Session session;

  @Option(names = "--dir", required = true, paramLabel = "DIR", description = "Identity directory.")
  private Path dir;

  @Option(
      names = "--password-file",
      paramLabel = "FILE",
      description = "File whose first line is the next key's password.")
  private Path passwordFile;

  PromoteCommand(Session session) {
    this.session = session;
  }

  @Override
  public Integer call() throws KeystoreException {
    // Checked before asking for a password: without a next identity there is nothing to unlock.
    KeyRotation.requirePrepared(dir);
    char[] password = session.passwords().forExistingKey(Optional.ofNullable(passwordFile));
    Promotion promotion = KeyRotation.promote(dir, password);
    Instant now = Instant.now();
    PrintStream out = session.out();
    out.println("Promoted the next identity in " + dir);
    out.println("  now signing  SHA-256 " + Display.fingerprint(promotion.current()));
    out.println("  expires      " + Display.expiry(promotion.current(), now));
    out.println("  previous     SHA-256 " + Display.fingerprint(promotion.previous()));
    out.println("  kept in      " + promotion.archived());
    out.println(
        "Peers may revoke the previous certificate once nothing sealed or signed with it is on"
            + " its way; restart services that hold the key.");
    return KeystoreCli.OK;
  }
}
