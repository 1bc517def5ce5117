package io.outpost.outlet;

import io.outpost.message.WireProperties;
import io.outpost.keystore.Certificates;
import io.outpost.keystore.KeystoreException;
import io.outpost.keystore.rotation.KeyRotation;
import io.outpost.message.Addresses;
import io.outpost.message.SecureMessageException;
import io.outpost.message.payload.KeyAnnouncement;
import io.outpost.outlet.BrokerLink.OutgoingMessage;
import io.outpost.outlet.OutletException.Reason;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code outlet announce-key}: tells HQ the outlet's next certificate, in a message signed with the
 * current key that HQ has pinned. HQ keeps it as pending until its operator has compared the
 * fingerprint with the outlet's by phone or in person; only then does the outlet promote the key.
 */
@Command(
    name = "announce-key",
    mixinStandardHelpOptions = true,
    description = {
      "Sends HQ the next certificate prepared with 'keystore next', signed with the current key.",
      "HQ pins it only after its operator has compared the fingerprint printed here with you;",
      "promote the key ('keystore promote') only once HQ has confirmed it."
    })
final class AnnounceKeyCommand implements Callable<Integer> {

  @ParentCommand OutletCli parent;

  @Override
  public Integer call() throws OutletException {
    OutletWiring wiring = parent.wiring();
    OutletConfig config = wiring.config();
    Path keyDir = config.keyDir();
    X509Certificate next;
    try {
      next =
          KeyRotation.nextCertificate(keyDir)
              .orElseThrow(
                  () ->
                      new OutletException(
                          Reason.KEYS,
                          "no next identity in "
                              + KeyRotation.nextDir(keyDir)
                              + "; prepare one with 'keystore next --dir "
                              + keyDir
                              + "' first"));
    } catch (KeystoreException e) {
      throw new OutletException(Reason.KEYS, e.getMessage(), e);
    }
    OutletWiring.Keys keys = wiring.keys();
    KeyAnnouncement announcement =
        KeyAnnouncement.of(
            UUID.randomUUID(), keys.selfId(), config.hqId(), wiring.clock().instant(), next);
    byte[] signed;
    try {
      signed = keys.messages().sign(announcement);
    } catch (SecureMessageException e) {
      throw new OutletException(Reason.KEYS, "cannot sign the announcement: " + e.getMessage(), e);
    }
    try (BrokerLink.Session session = wiring.broker().connect()) {
      // On the menu request queue: the one other queue an outlet may send to, and HQ answers it.
      session.send(
          new OutgoingMessage(
              Addresses.MENU_REQUESTS,
              WireProperties.TYPE_KEY_ANNOUNCEMENT,
              announcement.messageId(),
              null,
              signed));
    }
    PrintStream out = parent.context().out();
    out.println(
        "announced the next certificate of "
            + keys.selfId()
            + " to "
            + config.hqId()
            + " (message "
            + announcement.messageId()
            + ")");
    out.println("SHA-256 " + Certificates.displayFingerprint(announcement.fingerprint()));
    out.println(
        "Read this fingerprint to HQ's operator by phone or in person. Once HQ has confirmed it,"
            + " switch with 'keystore promote --dir "
            + keyDir
            + "'; until then keep the current key.");
    return OutletCli.OK;
  }
}
