package io.outpost.hq;

import io.outpost.hq.core.HqException;
import io.outpost.hq.core.HqKeyAnnouncer;
import io.outpost.hq.ops.InboxSender;
import io.outpost.keystore.Identity;
import io.outpost.keystore.KeystoreException;
import io.outpost.keystore.PinnedCertificate;
import io.outpost.keystore.TrustStore;
import io.outpost.keystore.rotation.KeyRotation;
import io.outpost.message.SecureMessages;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code hq keys announce}: HQ's next certificate, signed with its current key, to every outlet.
 */
@Command(
    name = "announce",
    description = {
      "Send HQ's next certificate (made with 'keystore next') to every outlet whose certificate",
      "is pinned and not revoked, signed with HQ's current key. Each outlet keeps it as pending",
      "until its staff compared the fingerprint with HQ by phone and confirmed it. Running it",
      "again gives no outlet a second copy."
    })
final class KeysAnnounceCommand implements Callable<Integer> {

  private final Session session;

  @Mixin ConfigOption config;

  KeysAnnounceCommand(Session session) {
    this.session = session;
  }

  @Override
  public Integer call() throws Exception {
    HqConfig settings = config.load(session.env());
    Path keyDir = settings.keyDir();
    X509Certificate next = nextCertificate(keyDir);
    TrustStore trust = Wiring.trust(keyDir);
    Identity identity = Wiring.identity(settings, session.passwords());
    List<String> outlets =
        trust.all().stream()
            .filter(pin -> !pin.revoked() && !pin.peerId().equals(identity.id()))
            .map(PinnedCertificate::peerId)
            .distinct()
            .sorted()
            .toList();
    if (outlets.isEmpty()) {
      throw new HqException(
          HqException.Reason.KEYS,
          "no outlet is pinned in "
              + keyDir
              + " (or all are revoked): there is nobody to announce HQ's next key to");
    }
    SecureMessages messages = new SecureMessages(identity, trust, session.clock());
    HqKeyAnnouncer.Outcome outcome;
    try (InboxSender inbox = new InboxSender(Wiring.hqLogin(settings), identity.id())) {
      outcome = new HqKeyAnnouncer(messages, inbox, session.clock()).announce(next, outlets);
    }
    PrintStream out = session.out();
    out.println("HQ's next certificate  SHA-256 " + KeysCommand.fingerprint(next));
    if (!outcome.sent().isEmpty()) {
      out.println(
          "announced to "
              + outcome.sent().size()
              + " outlet(s): "
              + String.join(", ", outcome.sent()));
      out.println(
          "Each outlet collects it at its next 'outlet menu' or 'outlet flush' and lists it with"
              + " 'outlet keys pending'. Read this fingerprint to each outlet by phone; it runs"
              + " 'outlet keys confirm FINGERPRINT'. Every 'hq serve' must hold the next key"
              + " before an outlet confirms (restart it after 'keystore next'); promote"
              + " ('keystore promote') once every outlet has confirmed.");
    }
    if (!outcome.failed().isEmpty()) {
      StringBuilder failures = new StringBuilder();
      for (Map.Entry<String, String> failure : outcome.failed().entrySet()) {
        failures.append(failures.length() == 0 ? "" : "; ").append(failure.getKey());
        failures.append(" (").append(failure.getValue()).append(')');
      }
      throw new HqException(
          HqException.Reason.BROKER,
          "could not announce to "
              + failures
              + "; fix that and run 'hq keys announce' again: outlets that have it get no second"
              + " copy");
    }
    return HqCli.OK;
  }

  private static X509Certificate nextCertificate(Path keyDir) throws HqException {
    try {
      return KeyRotation.nextCertificate(keyDir)
          .orElseThrow(
              () ->
                  new HqException(
                      HqException.Reason.KEYS,
                      "no next identity in "
                          + KeyRotation.nextDir(keyDir)
                          + "; prepare one with 'keystore next --dir "
                          + keyDir
                          + "' (with the current key's password) and restart 'hq serve', then"
                          + " announce it"));
    } catch (KeystoreException e) {
      throw new HqException(HqException.Reason.KEYS, e.getMessage(), e);
    }
  }
}
