package io.outpost.bench.reply;

import io.outpost.bench.BenchException;
import io.outpost.bench.BenchRun;
import io.outpost.bench.Comparison;
import io.outpost.bench.Measurement;
import io.outpost.bench.RunOutcome;
import io.outpost.bench.RunSettings;
import io.outpost.bench.Stats;
import io.outpost.bench.crypto.Fixtures;
import io.outpost.bench.ingest.Backlog;
import io.outpost.bench.ingest.FleetBroker;
import io.outpost.bench.ingest.IngestDatabase;
import io.outpost.bench.ingest.IngestRun;
import io.outpost.bench.ingest.ProcessClock;
import io.outpost.hq.HqConfig;
import io.outpost.hq.HqService;
import io.outpost.keystore.Identity;
import io.outpost.message.Addresses;
import io.outpost.message.SecureMessages;
import io.outpost.message.WireProperties;
import io.outpost.message.payload.Receipt;
import io.outpost.message.payload.ReceiptEntry;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * End to end on one machine: outlets seal their chains of closings and send them, each with its own
 * broker login, while the real HQ service ingests them into H2 and answers with signed receipts,
 * which each outlet verifies on its inbox; outlets, broker and HQ all in this JVM. The figure is
 * closings per second from the first seal to the last receipt verified. Beside it, in the same
 * round just before: the same flow with sealing switched off (plain JSON bodies, HQ only decoding
 * them, receipts still signed and verified).
 */
public final class EndToEndRun implements BenchRun {

  public static final String NAME = "e2e";

  /** How many outlets, how many closings each, and the key size. */
  public record Scale(int outlets, int days, int keyBits) {

    /** The full run: 2,000 closings from 20 outlets, RSA-3072. */
    public static final Scale FULL = new Scale(20, 100, 3072);

    /** A few closings with small keys: proves the path works, measures nothing. */
    public static final Scale SMOKE = new Scale(2, 3, 2048);

    public Scale {
      if (outlets < 1 || days < 1 || keyBits < 2048) {
        throw new IllegalArgumentException("outlets and days must be positive, keys >= 2048 bits");
      }
    }

    int closings() {
      return outlets * days;
    }
  }

  // Closings per outlet in the unrecorded warm-up round, when the settings ask for warming up.
  private static final int WARM_UP_DAYS = 10;
  private static final Duration POLL = Duration.ofSeconds(1);
  private static final Clock CLOCK = Clock.systemUTC();

  private final Scale scale;

  public EndToEndRun(Scale scale) {
    this.scale = scale;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public RunOutcome run(RunSettings settings, PrintStream progress) throws BenchException {
    return WorkDir.measure(
        NAME, "the end-to-end run", settings, work -> measure(settings, progress, work));
  }

  private RunOutcome measure(RunSettings settings, PrintStream progress, Path work)
      throws Exception {
    progress.printf("e2e: generating %d RSA-%d keys%n", scale.outlets() + 1, scale.keyBits());
    Backlog fleet = Backlog.fleet(work.resolve("fleet"), scale.outlets(), scale.keyBits());
    Identity hq = fleet.hq();
    List<SecureMessages> outlets = fleet.outletMessages(CLOCK);
    int threads = HqConfig.defaultIngestThreads();

    Map<String, List<List<Double>>> rounds = new LinkedHashMap<>();
    Map<String, List<List<Double>>> cpuRounds = new LinkedHashMap<>();
    // An unrecorded round first, when warming up: the outlets', broker's and HQ's code compiled.
    for (int round = settings.warmupIterations() > 0 ? 0 : 1; round <= settings.rounds(); round++) {
      int days = round == 0 ? Math.min(WARM_UP_DAYS, scale.days()) : scale.days();
      progress.printf(
          "e2e: round %d of %d, %d outlets × %d closings, plain then sealed%n",
          round, settings.rounds(), scale.outlets(), days);
      for (boolean sealed : List.of(false, true)) {
        Path dir = Files.createDirectory(work.resolve("round-" + round + (sealed ? "" : "-plain")));
        ProcessClock.Rate rate = flow(dir, fleet, outlets, days, threads, sealed);
        if (round > 0) {
          String name = sealed ? "closings" : "plainClosings";
          rounds.computeIfAbsent(name, k -> new ArrayList<>()).add(List.of(rate.perSecond()));
          cpuRounds.computeIfAbsent(name, k -> new ArrayList<>()).add(List.of(rate.perCpuSecond()));
        }
      }
    }

    Measurement figure =
        measurement(
            "closings",
            threads,
            String.format(
                Locale.ROOT,
                "closings/s from the first seal to the last receipt verified: %d outlets seal and"
                    + " send %,d closings while HQ ingests them into H2 and answers with signed"
                    + " receipts, all in this JVM",
                scale.outlets(),
                scale.closings()),
            rounds.get("closings"),
            cpuRounds.get("closings"));
    Measurement plain =
        measurement(
            "plainClosings",
            threads,
            "closings/s: the same flow with sealing switched off (plain JSON bodies, HQ only"
                + " decoding them), receipts signed and verified",
            rounds.get("plainClosings"),
            cpuRounds.get("plainClosings"));
    Comparison comparison =
        new Comparison(
            figure.id(),
            plain.id(),
            "sealed vs plain closings end to end, outlet to verified receipt: 1.0 = sealing is"
                + " free");

    Map<String, String> notes = new LinkedHashMap<>();
    notes.put(
        "flow",
        String.format(
            Locale.ROOT,
            "%d outlets × %d closings = %,d per round, RSA-%d keys made in this JVM; each outlet"
                + " seals its chain (SecureMessages.sealClosing) and sends it on a thread of its"
                + " own (persistent, duplicate id, its own broker login) while another thread of"
                + " its own verifies HQ's receipts on its inbox (openSigned; every closing's entry"
                + " must say STORED); HQ as in production (H2 file, %d ingest thread(s), batches"
                + " of %d, batched signed receipts) and the broker in this JVM; each flow has a"
                + " fresh broker and database, started before the clock",
            scale.outlets(),
            scale.days(),
            scale.closings(),
            scale.keyBits(),
            threads,
            HqConfig.DEFAULT_BATCH_SIZE));
    notes.put(
        "CPU",
        String.format(
            Locale.ROOT,
            "%.1f ms of this JVM's CPU time per closing sealed (outlets, broker and HQ together;"
                + " median over rounds), %.1f ms per plain closing; for scale, another product"
                + " measured on this machine (not in this run): about 50 messages/s end to end at"
                + " about 35 ms of CPU per message",
            cpuMillisPerClosing(cpuRounds.get("closings")),
            cpuMillisPerClosing(cpuRounds.get("plainClosings"))));
    return new RunOutcome(List.of(figure, plain), List.of(comparison), notes);
  }

  private static double cpuMillisPerClosing(List<List<Double>> perCpuSecond) {
    return 1000 / Stats.of(perCpuSecond.stream().flatMap(List::stream).toList()).median();
  }

  /**
   * One flow in {@code dir}: a fresh broker and H2 database, HQ started, the outlets logged in;
   * then, released together, every outlet seals and sends its chain while its receipts are read.
   * The clock runs from the release to the last receipt verified.
   */
  private static ProcessClock.Rate flow(
      Path dir, Backlog fleet, List<SecureMessages> outlets, int days, int threads, boolean sealed)
      throws Exception {
    int closings = outlets.size() * days;
    try (FleetBroker broker = FleetBroker.start(dir.resolve("broker"), fleet);
        IngestDatabase db = IngestDatabase.h2(dir);
        HqService service =
            IngestRun.startHq(broker.hqSettings(db.settings(), threads), fleet, !sealed)) {
      long deadline = System.nanoTime() + timeout(closings).toNanos();
      ExecutorService pool = Executors.newFixedThreadPool(2 * outlets.size());
      List<OutletLink> links = new ArrayList<>();
      try {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Void>> senders = new ArrayList<>();
        List<Future<Void>> receivers = new ArrayList<>();
        for (int i = 0; i < outlets.size(); i++) {
          SecureMessages messages = outlets.get(i);
          OutletLink link =
              OutletLink.connect(
                  broker.url(), messages.selfId(), fleet.password(i), WireProperties.TYPE_RECEIPT);
          links.add(link);
          ClosingChain chain =
              new ClosingChain(messages, fleet.hq().id(), Fixtures.salesDay(), CLOCK);
          Set<UUID> sent = ConcurrentHashMap.newKeySet();
          senders.add(pool.submit(() -> send(chain, link, days, sealed, sent, go)));
          receivers.add(pool.submit(() -> receive(messages, link, days, sent, go, deadline)));
        }
        ProcessClock clock = ProcessClock.start();
        go.countDown();
        for (Future<Void> sender : senders) {
          sender.get();
        }
        for (Future<Void> receiver : receivers) {
          receiver.get();
        }
        return clock.rate(closings);
      } catch (ExecutionException e) {
        throw e.getCause() instanceof Exception cause ? cause : e;
      } finally {
        // before the broker stops
        pool.shutdownNow();
        links.forEach(OutletLink::close);
      }
    }
  }

  /** One outlet's closings, sealed (or plain) one after the other and sent as the outlet does. */
  private static Void send(
      ClosingChain chain,
      OutletLink link,
      int days,
      boolean sealed,
      Set<UUID> sent,
      CountDownLatch go)
      throws Exception {
    go.await();
    for (int day = 0; day < days; day++) {
      ClosingChain.Sealed closing = sealed ? chain.next() : chain.nextPlain();
      // before the send: its receipt may come before the send returns
      sent.add(closing.messageId());
      String id = closing.messageId().toString();
      link.send(Addresses.CLOSINGS, WireProperties.TYPE_CLOSING, id, closing.body());
    }
    return null;
  }

  /** Reads and verifies one outlet's receipts until every one of its closings is stored. */
  private static Void receive(
      SecureMessages messages,
      OutletLink link,
      int days,
      Set<UUID> sent,
      CountDownLatch go,
      long deadline)
      throws Exception {
    go.await();
    Set<UUID> stored = new HashSet<>();
    while (stored.size() < days) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            messages.selfId()
                + " had receipts for "
                + stored.size()
                + " of its "
                + days
                + " closings before the timeout; see the HQ log in "
                + System.getProperty("java.io.tmpdir"));
      }
      OutletLink.Reply reply = link.receive(POLL);
      if (reply == null) {
        continue;
      }
      Receipt receipt = messages.openSigned(reply.body(), Receipt.class).payload();
      for (ReceiptEntry entry : receipt.entries()) {
        if (!sent.contains(entry.messageId()) || entry.outcome() != ReceiptEntry.Outcome.STORED) {
          throw new IllegalStateException(messages.selfId() + " got the receipt entry " + entry);
        }
        stored.add(entry.messageId());
      }
    }
    return null;
  }

  /** Far beyond any plausible flow, but a stuck HQ fails the run rather than hanging it. */
  private static Duration timeout(int closings) {
    return Duration.ofSeconds(60 + closings / 5);
  }

  private static Measurement measurement(
      String name,
      int threads,
      String label,
      List<List<Double>> rounds,
      List<List<Double>> cpuRounds) {
    return new Measurement(
        Measurement.idOf(NAME, name, threads),
        NAME,
        name,
        label,
        "closings/s",
        threads,
        0,
        rounds,
        cpuRounds);
  }
}
