package io.outpost.hq.core;

import io.outpost.keystore.Certificates;
import io.outpost.message.SecureMessageException;
import io.outpost.message.SecureMessages;
import io.outpost.message.WireProperties;
import io.outpost.message.payload.KeyAnnouncement;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Announces HQ's next certificate to outlets, the way outlets announce theirs to HQ: one {@link
 * KeyAnnouncement} per outlet, addressed to it and signed with HQ's current key (the one every
 * outlet has pinned), delivered persistently to its inbox. An outlet keeps it as pending and pins
 * it only after its staff compared the fingerprint with HQ out of band.
 *
 * <p>The message id, and so the broker's duplicate id, depends only on the outlet and the
 * certificate: announcing again (after a partial failure, say) gives no outlet a second copy.
 */
public final class HqKeyAnnouncer {

  private final SecureMessages messages;
  private final OutletInbox inbox;
  private final Clock clock;

  /**
   * @param messages signs with HQ's current key
   */
  public HqKeyAnnouncer(SecureMessages messages, OutletInbox inbox, Clock clock) {
    this.messages = Objects.requireNonNull(messages, "messages");
    this.inbox = Objects.requireNonNull(inbox, "inbox");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * What an announcement came to.
   *
   * @param sent the outlets whose inbox the broker accepted it for (or had it already)
   * @param failed per outlet that could not be reached, why
   */
  public record Outcome(List<String> sent, Map<String, String> failed) {

    public Outcome {
      sent = List.copyOf(sent);
      failed = Map.copyOf(failed);
    }
  }

  /**
   * Announces {@code next} to each outlet; an outlet whose inbox cannot be reached does not stop
   * the others.
   *
   * @throws HqException KEYS when HQ's key cannot sign
   */
  public Outcome announce(X509Certificate next, List<String> outlets) throws HqException {
    List<String> sent = new ArrayList<>();
    Map<String, String> failed = new LinkedHashMap<>();
    String fingerprint = Certificates.fingerprint(next);
    for (String outlet : outlets) {
      UUID messageId = messageId(outlet, fingerprint);
      KeyAnnouncement announcement =
          KeyAnnouncement.of(messageId, messages.selfId(), outlet, clock.instant(), next);
      byte[] signed;
      try {
        signed = messages.sign(announcement);
      } catch (SecureMessageException e) {
        throw new HqException(
            HqException.Reason.KEYS, "cannot sign the key announcement: " + e.getMessage(), e);
      }
      try {
        inbox.deliver(
            new OutletInbox.Delivery(
                outlet, WireProperties.TYPE_KEY_ANNOUNCEMENT, signed, messageId.toString(), null));
        sent.add(outlet);
      } catch (HqException e) {
        failed.put(outlet, e.getMessage());
      }
    }
    return new Outcome(sent, failed);
  }

  /** The same outlet and certificate always give the same id. */
  static UUID messageId(String outlet, String fingerprint) {
    return UUID.nameUUIDFromBytes(
        (KeyAnnouncement.SCHEMA + " " + outlet + " " + fingerprint)
            .getBytes(StandardCharsets.UTF_8));
  }
}
