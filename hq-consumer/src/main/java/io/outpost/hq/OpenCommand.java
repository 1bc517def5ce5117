package io.outpost.hq;

import io.outpost.hq.core.HqException;
import io.outpost.keystore.Identity;
import io.outpost.keystore.KeyFiles;
import io.outpost.keystore.TrustStore;
import io.outpost.message.SecureMessageException;
import io.outpost.message.SecureMessages;
import io.outpost.message.Verified;
import io.outpost.message.payload.Closing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hq open}: verifies and decrypts one sealed closing and prints its payload JSON. */
@Command(
    name = "open",
    description = {
      "Verify and decrypt a sealed closing; print its payload JSON on stdout.",
      "Exit 0 only for a valid message; otherwise the reason code and message go to stderr."
    })
final class OpenCommand implements Callable<Integer> {

  private final Session session;

  @Option(
      names = "--dir",
      required = true,
      paramLabel = "DIR",
      description = "HQ's identity directory: private.pem, cert.pem and trusted/.")
  Path dir;

  @Option(
      names = "--password-file",
      paramLabel = "FILE",
      description = "File whose first line is the private key's password.")
  Path passwordFile;

  @Parameters(paramLabel = "MSG.p7m", description = "The sealed closing (DER).")
  Path message;

  OpenCommand(Session session) {
    this.session = session;
  }

  @Override
  public Integer call() throws Exception {
    byte[] bytes = read(message);
    Identity identity =
        KeyFiles.load(dir, session.passwords().forExistingKey(Optional.ofNullable(passwordFile)));
    TrustStore trust = Wiring.trust(dir);
    Verified<Closing> verified;
    try {
      verified = new SecureMessages(identity, trust, session.clock()).openClosing(bytes);
    } catch (SecureMessageException e) {
      session.err().println("hq: " + e.reason() + ": " + HqCli.oneLine(e.getMessage()));
      return HqCli.FAILED;
    }
    byte[] json = verified.payloadBytes();
    session.out().write(json);
    if (json.length == 0 || json[json.length - 1] != '\n') {
      session.out().println();
    }
    return HqCli.OK;
  }

  private static byte[] read(Path file) throws HqException {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new HqException(HqException.Reason.IO, file + " does not exist; check the path", e);
    } catch (IOException e) {
      throw new HqException(
          HqException.Reason.IO, "cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
