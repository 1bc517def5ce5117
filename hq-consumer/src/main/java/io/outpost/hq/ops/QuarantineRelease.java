package io.outpost.hq.ops;

import io.outpost.hq.core.ClosingIngest;
import io.outpost.hq.core.Handled;
import io.outpost.hq.core.HqException;
import io.outpost.hq.core.IncomingMessage;
import io.outpost.hq.core.Quarantine;
import io.outpost.message.WireProperties;
import java.util.List;
import java.util.Objects;

/**
 * Takes a closing out of quarantine by ingesting it again, now (after its outlet's certificate was
 * pinned, say): verified and stored exactly as HQ's consumer would, bound to the broker login that
 * sent the original, which HQ recorded when it quarantined it. Only what now verifies leaves the
 * quarantine; what still fails stays there untouched, with nothing stored.
 *
 * <p>The message is not sent back to {@code outpost.closings}: there it would carry the releasing
 * admin's login as its validated user, which is not the signer, and HQ would quarantine it again.
 * Nor does a duplicate id get in the way: nothing is sent, and HQ's store, unique on the message
 * id, answers a closing it already holds as a duplicate.
 */
public final class QuarantineRelease {

  private static final String JMSX_USER_ID = "JMSXUserID";

  /**
   * What a release came to.
   *
   * @param handled what ingest made of it; QUARANTINED means it still fails and stays
   * @param removed whether it left the quarantine
   */
  public record Result(QuarantinedMessage message, Handled handled, boolean removed) {}

  private final QuarantineQueue quarantine;
  private final ClosingIngest ingest;
  private final String hqLogin;

  /**
   * @param hqLogin HQ's broker login: only what that login quarantined is released
   */
  public QuarantineRelease(QuarantineQueue quarantine, ClosingIngest ingest, String hqLogin) {
    this.quarantine = Objects.requireNonNull(quarantine, "quarantine");
    this.ingest = Objects.requireNonNull(ingest, "ingest");
    this.hqLogin = Objects.requireNonNull(hqLogin, "hqLogin");
  }

  /**
   * Releases the quarantined message with this id.
   *
   * @throws HqException NOT_FOUND when no such message is in quarantine; VERIFICATION when it is
   *     not a closing HQ quarantined; STORAGE or BROKER when the store or broker failed (nothing of
   *     it counts, and it stays in quarantine)
   */
  public Result release(String id) throws HqException {
    String canonical = QuarantineQueue.canonicalId(id);
    QuarantineQueue.Found found =
        quarantine
            .find(canonical)
            .orElseThrow(
                () ->
                    new HqException(
                        HqException.Reason.NOT_FOUND,
                        "no message " + canonical + " in quarantine"));
    QuarantinedMessage message = found.message();
    if (!WireProperties.TYPE_CLOSING.equals(message.type())) {
      throw new HqException(
          HqException.Reason.VERIFICATION,
          canonical
              + " is a "
              + (message.type() == null ? "message of no type" : "'" + message.type() + "'")
              + ", not a closing: only closings are released (an outlet asks for the menu again at"
              + " its next start; drop it)");
    }
    // The JMS client shows the broker-set _AMQ_VALIDATED_USER as JMSXUserID.
    String writer =
        message
            .properties()
            .getOrDefault(JMSX_USER_ID, message.properties().get(WireProperties.VALIDATED_USER));
    if (!hqLogin.equals(writer)) {
      // Only HQ's login may send to the quarantine; the recorded sender is trusted only from it.
      throw new HqException(
          HqException.Reason.VERIFICATION,
          canonical
              + " was put in quarantine by broker login '"
              + writer
              + "', not by HQ's login '"
              + hqLogin
              + "'; it is not released");
    }
    IncomingMessage incoming =
        new IncomingMessage(
            found.body(),
            true,
            message.brokerUser(),
            message.claimedFrom(),
            message.type(),
            message.originalId());
    Refusal refusal = new Refusal();
    Handled handled = ingest.ingest(List.of(incoming), refusal).get(0);
    if (handled.outcome() == Handled.Outcome.QUARANTINED) {
      return new Result(message, handled, false);
    }
    return new Result(message, handled, quarantine.remove(canonical));
  }

  /** Takes note of a refusal and sends nothing: the message is still where it was. */
  private static final class Refusal implements Quarantine {
    @Override
    public void quarantine(IncomingMessage message, String reason, String detail) {}
  }
}
