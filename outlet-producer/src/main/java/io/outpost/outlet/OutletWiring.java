package io.outpost.outlet;

import io.outpost.keystore.Identity;
import io.outpost.keystore.KeyFiles;
import io.outpost.keystore.KeystoreException;
import io.outpost.keystore.Passwords;
import io.outpost.keystore.TrustDirectory;
import io.outpost.keystore.TrustStore;
import io.outpost.message.SecureMessages;
import io.outpost.outlet.OutletException.Reason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The composition root: builds the outlet's parts from its configuration, by constructor, each only
 * when a command needs it (status needs no key, seal no broker).
 */
final class OutletWiring {

  private final OutletConfig config;
  private final Passwords passwords;
  private final Optional<Path> passwordFile;
  private final Clock clock;
  private final Consumer<String> notices;
  private FileOutbox outbox;
  private Keys keys;

  OutletWiring(
      OutletConfig config,
      Passwords passwords,
      Optional<Path> passwordFile,
      Clock clock,
      Consumer<String> notices) {
    this.config = config;
    this.passwords = passwords;
    this.passwordFile = passwordFile;
    this.clock = clock;
    this.notices = notices;
  }

  /** Our identity and trust, loaded once. */
  record Keys(String selfId, SecureMessages messages) {}

  OutletConfig config() {
    return config;
  }

  Clock clock() {
    return clock;
  }

  FileOutbox outbox() {
    if (outbox == null) {
      outbox = new FileOutbox(config.outboxDir());
    }
    return outbox;
  }

  Keys keys() throws OutletException {
    if (keys == null) {
      keys = loadKeys(config.keyDir(), config.hqId());
    }
    return keys;
  }

  /** Loads the identity in {@code dir} and its pinned peers; {@code peerId} must be pinned. */
  Keys loadKeys(Path dir, String peerId) throws OutletException {
    try {
      TrustStore trust = TrustDirectory.load(dir);
      if (!trust.knows(peerId)) {
        throw new OutletException(
            Reason.KEYS,
            "no certificate of "
                + peerId
                + " is pinned in "
                + dir.resolve(TrustDirectory.TRUSTED)
                + "; pin it with 'keystore trust --dir "
                + dir
                + " --cert HQ.pem --fingerprint HEX'");
      }
      Identity identity = KeyFiles.load(dir, passwords.forExistingKey(passwordFile));
      return new Keys(identity.id(), new SecureMessages(identity, trust, clock));
    } catch (KeystoreException e) {
      throw new OutletException(Reason.KEYS, e.getMessage(), e);
    }
  }

  MenuCache menuCache() throws OutletException {
    return new MenuCache(config.menuDir(), keys().messages(), config.hqId());
  }

  ClosingSealer sealer(Keys keys, String hqId) {
    return new ClosingSealer(keys.messages(), keys.selfId(), hqId, clock);
  }

  ClosingDesk closingDesk() throws OutletException {
    return new ClosingDesk(sealer(keys(), config.hqId()));
  }

  BrokerLink broker() throws OutletException {
    Keys own = keys();
    return new JmsBrokerLink(
        config.brokerUrl(),
        config.brokerUserOr(own.selfId()),
        brokerPassword(),
        own.selfId(),
        config.connectAttempts(),
        config.connectBackoff(),
        notices);
  }

  /** Where HQ's announcements of its next key are verified and kept as pending. */
  HqKeyInbox hqKeyInbox() throws OutletException {
    return new HqKeyInbox(config.keyDir(), keys().messages(), config.hqId(), clock);
  }

  Flusher flusher() throws OutletException {
    return new Flusher(
        broker(),
        keys().messages(),
        new ReceiptBook(clock),
        hqKeyInbox(),
        config.hqId(),
        clock,
        config.receiptTimeout(),
        config.progressEvery(),
        notices);
  }

  MenuFetcher menuFetcher() throws OutletException {
    return new MenuFetcher(
        broker(),
        keys().messages(),
        menuCache(),
        hqKeyInbox(),
        keys().selfId(),
        config.hqId(),
        clock,
        config.menuTimeout(),
        notices);
  }

  /** The broker password from its file: Artemis takes it as a String, so it lives as one. */
  private String brokerPassword() throws OutletException {
    Path file = config.brokerPasswordFile();
    if (file == null) {
      throw new OutletException(
          Reason.CONFIG,
          "no broker password: set broker.passwordFile or OUTPOST_BROKER_PASSWORD_FILE to a file"
              + " whose first line is the outlet's broker password");
    }
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      if (lines.isEmpty() || lines.get(0).isEmpty()) {
        throw new OutletException(
            Reason.CONFIG,
            "the broker password file " + file + " is empty; put the password on its first line");
      }
      return lines.get(0);
    } catch (NoSuchFileException e) {
      throw new OutletException(
          Reason.CONFIG,
          "the broker password file " + file + " (broker.passwordFile) does not exist",
          e);
    } catch (IOException e) {
      throw new OutletException(
          Reason.CONFIG, "cannot read the broker password file " + file + ": " + e.getMessage(), e);
    }
  }
}
