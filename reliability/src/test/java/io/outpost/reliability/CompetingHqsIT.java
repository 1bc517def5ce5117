package io.outpost.reliability;

import io.outpost.message.Addresses;
import io.outpost.message.WireProperties;
import io.outpost.outlet.OutboxEntry;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Issue 4, item 5: two HQ processes consume the same queues and share one PostgreSQL schema, while
 * outlets flush and copies of their closings arrive again under fresh duplicate ids (as after the
 * broker's duplicate-id cache forgot them), so that both HQs race on the same message ids.
 */
class CompetingHqsIT {

  private static final int OUTLETS = 10;
  private static final int PER_OUTLET = 60;
  private static final int REPLAYED_PER_OUTLET = 6;

  @Test
  void twoHqsCompeteOnPostgres_replaysRaceBetweenThem_eachClosingStoredOnce() {
    Scenario scenario = Scenario.begin(5, "Two HQs competing, PostgreSQL", getClass());
    List<String> ids =
        IntStream.rangeClosed(1, OUTLETS).mapToObj(i -> String.format("outlet-%02d", i)).toList();
    try (Site site = Site.create("5-competing-hqs", ids, home -> Db.postgres("5"))) {
      Site.each(
          site.outlets(), 6, outlet -> outlet.fill(Sales.days(Sales.FIRST_DAY, PER_OUTLET, 5)));
      HqProcess first = site.hq("hq-a");
      HqProcess second = site.hq("hq-b");
      first.start();
      second.start();

      List<Launched> flushes = new ArrayList<>();
      for (Outlet outlet : site.outlets()) {
        flushes.add(outlet.start(Map.of(), "flush"));
      }
      Set<String> replayed = replay(site);
      scenario.log("%d copies sent again under fresh duplicate ids", replayed.size());
      for (Launched flush : flushes) {
        Launched.Result result = flush.result(Duration.ofMinutes(3));
        scenario.expect(result.exit() == 0, "flush: " + result);
      }
      Await.until(
          "both HQs draining the queue",
          Duration.ofMinutes(3),
          () -> site.broker().messageCount(Addresses.CLOSINGS) == 0);
      scenario.flushUntilAcknowledged(site.outlets(), 4);

      int storedByFirst = first.logged("STORED").size();
      int storedBySecond = second.logged("STORED").size();
      Set<String> duplicates = new HashSet<>(first.logged("DUPLICATE"));
      duplicates.addAll(second.logged("DUPLICATE"));
      long rolledBack =
          first.linesContaining("rolled back") + second.linesContaining("rolled back");
      scenario.expect(
          storedByFirst > 0 && storedBySecond > 0,
          "one HQ did all the work (" + storedByFirst + " / " + storedBySecond + ")");
      scenario.expect(
          duplicates.containsAll(replayed),
          "replays not answered DUPLICATE: " + (replayed.size() - duplicates.size()));
      int exitFirst = first.stop();
      int exitSecond = second.stop();
      scenario.expect(
          exitFirst == 0 && exitSecond == 0, "HQ exits " + exitFirst + ", " + exitSecond);

      Audit.Counts counts = Audit.of(site, site.outlets());
      scenario.finish(
          site,
          String.format(
              "2 `hq serve` on one PostgreSQL schema; %d outlets flushed %d closings while %d of"
                  + " them were sent again under fresh duplicate ids",
              OUTLETS, OUTLETS * PER_OUTLET, replayed.size()),
          counts,
          0,
          String.format(
              "Stored by hq-a %d, by hq-b %d; every copy answered DUPLICATE (%d ids); batches"
                  + " rolled back on a race and redelivered: %d.",
              storedByFirst, storedBySecond, duplicates.size(), rolledBack));
    }
  }

  /** Sends copies of some sealed closings as their outlet, each under a fresh duplicate id. */
  private static Set<String> replay(Site site) {
    Set<String> replayed = new HashSet<>();
    for (Outlet outlet : site.outlets()) {
      List<OutboxEntry> entries = outlet.entries();
      try (JMSContext context = site.broker().login(outlet.id())) {
        for (int i = 0; i < REPLAYED_PER_OUTLET; i++) {
          OutboxEntry entry = entries.get(i * (entries.size() / REPLAYED_PER_OUTLET));
          byte[] sealed =
              Files.readAllBytes(outlet.outbox().resolve(entry.name()).resolve("closing.p7m"));
          BytesMessage message = context.createBytesMessage();
          message.writeBytes(sealed);
          message.setStringProperty(WireProperties.TYPE, WireProperties.TYPE_CLOSING);
          message.setStringProperty(WireProperties.FROM, outlet.id());
          message.setStringProperty(WireProperties.DUPLICATE_ID, UUID.randomUUID().toString());
          context.createProducer().send(context.createQueue(Addresses.CLOSINGS), message);
          replayed.add(entry.messageId().toString());
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (JMSException e) {
        throw new IllegalStateException(e);
      }
    }
    return replayed;
  }
}
