package io.outpost.reliability;

import io.outpost.keystore.KeystoreException;
import io.outpost.keystore.TrustDirectory;
import io.outpost.message.Addresses;
import io.outpost.message.WireProperties;
import io.outpost.outlet.OutboxEntry;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Issue 4, item 6: while six honest outlets flush, hostile traffic goes straight to the broker with
 * valid outlet logins — replays, unknown, revoked and expired outlets, an outlet signing as
 * another, every layer tampered, oversized and garbage bodies. None may be stored; each must be
 * quarantined with its reason; the honest outlets must be served throughout.
 */
class HostileTrafficIT {

  private static final int HONEST = 6;
  private static final int PER_OUTLET = 30;
  private static final Duration EXPIRES_IN = Duration.ofSeconds(20);

  @Test
  void hostileTrafficWithValidLogins_noneStored_eachQuarantinedWithItsReason() throws Exception {
    Scenario scenario = Scenario.begin(6, "Hostile traffic with valid logins", getClass());
    List<String> ids =
        IntStream.rangeClosed(29, 28 + HONEST)
            .mapToObj(i -> String.format("outlet-%02d", i))
            .toList();
    String victim = ids.get(0);
    try (Site site = Site.create("6-hostile-traffic", ids, Db::h2)) {
      // the certificate of outlet-38 is pinned while valid and expires during the scenario
      Instant expiry = Instant.now().plus(EXPIRES_IN);
      Hostile.Parties parties =
          new Hostile.Parties(
              Fleet.get().hq().identity(),
              Fleet.identity("outlet-35"),
              Fleet.identity("outlet-37"),
              Fleet.identity("outlet-36"),
              Fleet.identity("outlet-38", expiry.minus(Duration.ofDays(1)), expiry),
              Fleet.identity(victim));
      Fleet.pin(site.hqKeys(), parties.mallory());
      Fleet.pin(site.hqKeys(), parties.revoked());
      Fleet.pin(site.hqKeys(), parties.expired());
      revoke(site, parties.revoked().id());
      Site.each(
          site.outlets(), 6, outlet -> outlet.fill(Sales.days(Sales.FIRST_DAY, PER_OUTLET, 6)));
      HqProcess hq = site.hq("hq");
      hq.start();

      Outlet victimOutlet = site.outlets().get(0);
      byte[] captured = sealed(victimOutlet, victimOutlet.entries().get(0));
      List<Hostile.Case> cases = Hostile.cases(parties, victim, captured);
      List<Launched> flushes = new ArrayList<>();
      for (Outlet outlet : site.outlets()) {
        flushes.add(outlet.start(Map.of(), "flush"));
      }
      // the attack starts once HQ serves the honest outlets, and goes on while they flush
      Await.until(
          "honest closings stored", Duration.ofMinutes(2), () -> hq.logged("STORED").size() >= 10);
      int storedBefore = hq.logged("STORED").size();
      for (Hostile.Case c : cases) {
        if (c.reason().equals("EXPIRED")) {
          continue;
        }
        send(site, c);
        Await.sleep(Duration.ofMillis(250));
      }
      int storedDuringAttack = hq.logged("STORED").size() - storedBefore;
      scenario.log(
          "%d hostile messages sent; %d honest closings stored meanwhile",
          cases.size() - 1, storedDuringAttack);
      for (Launched flush : flushes) {
        Launched.Result result = flush.result(Duration.ofMinutes(3));
        scenario.expect(result.exit() == 0, "honest flush during the attack: " + result);
      }

      // replays under an outlet's own login, once its flush is done
      Outlet replayer = site.outlets().get(1);
      OutboxEntry freshIdCopy = replayer.entries().get(1);
      OutboxEntry sameIdCopy = replayer.entries().get(2);
      sendAs(
          site,
          replayer.id(),
          replayer.id(),
          sealed(replayer, freshIdCopy),
          null,
          UUID.randomUUID().toString());
      sendAs(
          site,
          replayer.id(),
          replayer.id(),
          sealed(replayer, sameIdCopy),
          null,
          sameIdCopy.messageId().toString());

      Await.until(
          "the certificate of " + parties.expired().id() + " to expire",
          EXPIRES_IN.plusSeconds(30),
          () -> Instant.now().isAfter(expiry.plusSeconds(1)));
      for (Hostile.Case c : cases) {
        if (c.reason().equals("EXPIRED")) {
          send(site, c);
        }
      }
      Await.until(
          "every hostile message quarantined",
          Duration.ofMinutes(2),
          () ->
              site.broker().messageCount(Addresses.QUARANTINE) >= cases.size()
                  && site.broker().messageCount(Addresses.CLOSINGS) == 0);
      scenario.flushUntilAcknowledged(site.outlets(), 3);

      Map<String, String> quarantined = new TreeMap<>();
      for (ArtemisBroker.Browsed message : site.broker().browse(Addresses.QUARANTINE)) {
        quarantined.put(
            message.property("outpostClaimedFrom"), message.property(WireProperties.REASON));
      }
      Map<String, Integer> byReason = new TreeMap<>();
      for (Hostile.Case c : cases) {
        String reason = quarantined.get(c.tag());
        scenario.expect(
            c.reason().equals(reason),
            c.what() + " (" + c.tag() + "): quarantined with " + reason + ", not " + c.reason());
        byReason.merge(c.reason(), 1, Integer::sum);
      }
      long freshIdAnswers =
          hq.linesContaining(
              "closing " + freshIdCopy.messageId() + " from " + replayer.id() + ": DUPLICATE");
      long sameIdAnswers = hq.linesContaining("closing " + sameIdCopy.messageId() + " from");
      scenario.expect(freshIdAnswers == 1, "replay under a fresh id answered " + freshIdAnswers);
      scenario.expect(sameIdAnswers == 1, "replay under the same id reached HQ");
      scenario.expect(storedDuringAttack > 0, "no honest closing stored during the attack");
      scenario.expect(hq.starts() == 1 && hq.alive(), "HQ did not keep serving");
      int exit = hq.stop();
      scenario.expect(exit == 0, "HQ exited " + exit + " on SIGTERM");

      Audit.Counts counts = Audit.of(site, site.outlets());
      scenario.finish(
          site,
          String.format(
              "%d hostile messages straight to the broker with valid outlet logins while %d honest"
                  + " outlets flushed %d closings: a captured closing replayed under another login;"
                  + " closings of an unknown, a revoked and an expired outlet; an outlet signing a"
                  + " closing that names another, or with a key of its own in another's name; each"
                  + " CMS layer tampered (outer signature, envelope, ciphertext, GCM tag, wrapped"
                  + " key, inner signature, signed sales) with the layers around rebuilt and"
                  + " re-signed; a closing for another HQ; payloads not JSON, incomplete or of"
                  + " another type; truncated, 5 MiB, random, empty and text bodies",
              cases.size(), HONEST, HONEST * PER_OUTLET),
          counts,
          cases.size(),
          String.format(
              "Quarantined by reason: %s. Replays under the outlet's own login are not hostile"
                  + " to the store: under a fresh duplicate id answered DUPLICATE (stored nothing),"
                  + " under the same id dropped by the broker. %d honest closings stored during"
                  + " the attack.",
              byReason, storedDuringAttack));
    }
  }

  private static void revoke(Site site, String outletId) throws KeystoreException {
    TrustDirectory.revoke(site.hqKeys(), outletId);
  }

  private static byte[] sealed(Outlet outlet, OutboxEntry entry) throws IOException {
    return Files.readAllBytes(outlet.outbox().resolve(entry.name()).resolve("closing.p7m"));
  }

  private static void send(Site site, Hostile.Case c) throws JMSException {
    sendAs(
        site,
        c.login(),
        c.tag(),
        c.body(),
        c.kind() == Hostile.Kind.TEXT ? new String(c.body(), StandardCharsets.UTF_8) : null,
        UUID.randomUUID().toString());
  }

  /** Sends straight to the closings queue as {@code login}; text when {@code text} is given. */
  private static void sendAs(
      Site site, String login, String claimedFrom, byte[] body, String text, String duplicateId)
      throws JMSException {
    try (JMSContext context = site.broker().login(login)) {
      Message message;
      if (text != null) {
        message = context.createTextMessage(text);
      } else {
        BytesMessage bytes = context.createBytesMessage();
        bytes.writeBytes(body);
        message = bytes;
      }
      message.setStringProperty(WireProperties.TYPE, WireProperties.TYPE_CLOSING);
      message.setStringProperty(WireProperties.FROM, claimedFrom);
      message.setStringProperty(WireProperties.DUPLICATE_ID, duplicateId);
      context.createProducer().send(context.createQueue(Addresses.CLOSINGS), message);
    }
  }
}
