package io.outpost.bench.reply;

import io.outpost.bench.BenchException;
import io.outpost.bench.BenchRun;
import io.outpost.bench.Comparison;
import io.outpost.bench.Measurement;
import io.outpost.bench.RunOutcome;
import io.outpost.bench.RunSettings;
import io.outpost.bench.crypto.Fixtures;
import io.outpost.bench.ingest.Backlog;
import io.outpost.bench.ingest.FleetBroker;
import io.outpost.bench.ingest.IngestDatabase;
import io.outpost.hq.HqConfig;
import io.outpost.hq.HqService;
import io.outpost.keystore.Identity;
import io.outpost.message.Addresses;
import io.outpost.message.SecureMessages;
import io.outpost.message.WireProperties;
import io.outpost.message.payload.Receipt;
import io.outpost.message.payload.ReceiptEntry;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Latency on an idle system: from an outlet's close (seal, append to the outbox, send) to a
 * verified receipt applied at the outlet, one closing at a time through the in-JVM broker and the
 * real HQ service (H2), beside the broker's own round trip for messages of the same sizes (a
 * closing-sized request to the closings queue, a receipt-sized reply from an echo consumer). Each
 * round measures the baseline first, then the figure; each gives its p50 and p99.
 */
public final class LatencyRun implements BenchRun {

  public static final String NAME = "latency";

  /** How many closings each round sends, one at a time, and the key size. */
  public record Scale(int closings, int keyBits) {

    /** The full run: 200 closings, RSA-3072. */
    public static final Scale FULL = new Scale(200, 3072);

    /** A few closings with small keys: proves the path works, measures nothing. */
    public static final Scale SMOKE = new Scale(5, 2048);

    public Scale {
      if (closings < 1 || keyBits < 2048) {
        throw new IllegalArgumentException("closings must be positive, keys >= 2048 bits");
      }
    }
  }

  // Each warm-up iteration of the settings is this many closings before a round's timing.
  private static final int WARM_UP_PER_ITERATION = 10;
  private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(30);
  private static final Clock CLOCK = Clock.systemUTC();

  private final Scale scale;

  public LatencyRun(Scale scale) {
    this.scale = scale;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public RunOutcome run(RunSettings settings, PrintStream progress) throws BenchException {
    return WorkDir.measure(
        NAME, "the latency run", settings, work -> measure(settings, progress, work));
  }

  private RunOutcome measure(RunSettings settings, PrintStream progress, Path work)
      throws Exception {
    progress.printf("latency: generating 2 RSA-%d keys%n", scale.keyBits());
    Backlog fleet = Backlog.fleet(work.resolve("fleet"), 1, scale.keyBits());
    Identity outlet = fleet.outlets().get(0);
    Identity hq = fleet.hq();
    SecureMessages outletMessages = fleet.outletMessages(CLOCK).get(0);
    ClosingChain chain = new ClosingChain(outletMessages, hq.id(), Fixtures.salesDay(), CLOCK);
    // The baseline's messages: a sealed closing, and a receipt for one closing signed by HQ.
    byte[] request =
        new ClosingChain(outletMessages, hq.id(), Fixtures.salesDay(), CLOCK).next().body();
    byte[] reply = oneEntryReceipt(new SecureMessages(hq, fleet.hqTrust(), CLOCK), outlet.id());
    int warmUp = settings.warmupIterations() * WARM_UP_PER_ITERATION;
    Path outbox = Files.createDirectory(work.resolve("outbox"));

    Map<String, List<List<Double>>> rounds = new LinkedHashMap<>();
    try (FleetBroker broker = FleetBroker.start(work.resolve("broker"), fleet);
        IngestDatabase db = IngestDatabase.h2(Files.createDirectory(work.resolve("hq")));
        OutletLink link =
            OutletLink.connect(
                broker.url(), outlet.id(), fleet.password(0), WireProperties.TYPE_RECEIPT)) {
      for (int round = 1; round <= settings.rounds(); round++) {
        progress.printf(
            "latency: round %d of %d, %d closings one at a time, broker alone then HQ%n",
            round, settings.rounds(), scale.closings());
        List<Double> plain = new ArrayList<>();
        // HQ is not running: the echo alone consumes the closings queue.
        try (EchoResponder echo =
            EchoResponder.start(
                broker.url(),
                Backlog.HQ_ID,
                fleet.password(-1),
                Addresses.CLOSINGS,
                WireProperties.TYPE_RECEIPT,
                reply)) {
          for (int i = 0; i < warmUp + scale.closings(); i++) {
            double millis = roundTrip(link, request);
            if (i >= warmUp) {
              plain.add(millis);
            }
          }
        }
        List<Double> closes = new ArrayList<>();
        try (HqService service =
            HqService.start(broker.hqSettings(db.settings(), 1), hq, fleet.hqTrust(), CLOCK)) {
          for (int i = 0; i < warmUp + scale.closings(); i++) {
            double millis = close(chain, outbox, link, outletMessages);
            if (i >= warmUp) {
              closes.add(millis);
            }
          }
        }
        for (int p : List.of(50, 99)) {
          add(rounds, "closeToReceipt-p" + p, Percentiles.of(closes, p));
          add(rounds, "brokerRoundTrip-p" + p, Percentiles.of(plain, p));
        }
      }
    }

    List<Measurement> measurements = new ArrayList<>();
    List<Comparison> comparisons = new ArrayList<>();
    for (int p : List.of(50, 99)) {
      Measurement figure =
          measurement(
              "closeToReceipt-p" + p,
              String.format(
                  Locale.ROOT,
                  "ms, p%d over %d closings: seal, append to the outbox, send, until HQ's signed"
                      + " receipt is verified and kept at the outlet",
                  p,
                  scale.closings()),
              rounds);
      Measurement baseline =
          measurement(
              "brokerRoundTrip-p" + p,
              String.format(
                  Locale.ROOT,
                  "ms, p%d over %d round trips: a %,d-byte request to the closings queue, a"
                      + " %,d-byte reply from an echo consumer",
                  p,
                  scale.closings(),
                  request.length,
                  reply.length),
              rounds);
      measurements.addAll(List.of(figure, baseline));
      comparisons.add(
          new Comparison(
              figure.id(),
              baseline.id(),
              "p"
                  + p
                  + " close-to-receipt in broker round trips of the same sizes (1.0 = Outpost adds"
                  + " nothing to the broker's own)"));
    }
    Map<String, String> notes = new LinkedHashMap<>();
    notes.put(
        "closings",
        String.format(
            Locale.ROOT,
            "one outlet, closings sent one at a time after %d warm-up ones per round; sealed"
                + " closing %,d bytes, receipt %,d bytes; RSA-%d keys; HQ as in production (H2"
                + " file, batches of up to %d, signed receipts) and the broker in this JVM; the"
                + " outlet's outbox and receipt writes are forced to disk as the outlet's are",
            warmUp,
            request.length,
            reply.length,
            scale.keyBits(),
            HqConfig.DEFAULT_BATCH_SIZE));
    return new RunOutcome(measurements, comparisons, notes);
  }

  /** The broker alone: one request, its echo. */
  private static double roundTrip(OutletLink link, byte[] request) throws Exception {
    String id = UUID.randomUUID().toString();
    long start = System.nanoTime();
    link.send(Addresses.CLOSINGS, WireProperties.TYPE_CLOSING, id, request);
    OutletLink.Reply answer = link.receive(REPLY_TIMEOUT);
    long end = System.nanoTime();
    if (answer == null || !id.equals(answer.correlationId())) {
      throw new IllegalStateException("the echo did not answer " + id);
    }
    return (end - start) / 1e6;
  }

  /** One close, as the outlet does it, to its verified receipt kept on disk. */
  private static double close(
      ClosingChain chain, Path outbox, OutletLink link, SecureMessages outletMessages)
      throws Exception {
    long start = System.nanoTime();
    ClosingChain.Sealed closing = chain.next();
    String id = closing.messageId().toString();
    writeForced(outbox.resolve(id + ".sealed"), closing.body());
    link.send(Addresses.CLOSINGS, WireProperties.TYPE_CLOSING, id, closing.body());
    while (true) {
      OutletLink.Reply answer = link.receive(REPLY_TIMEOUT);
      if (answer == null) {
        throw new IllegalStateException("HQ sent no receipt for " + id);
      }
      Receipt receipt = outletMessages.openSigned(answer.body(), Receipt.class).payload();
      Optional<ReceiptEntry> entry =
          receipt.entries().stream()
              .filter(e -> e.messageId().equals(closing.messageId()))
              .findAny();
      if (entry.isEmpty()) {
        continue;
      }
      if (entry.get().outcome() != ReceiptEntry.Outcome.STORED) {
        throw new IllegalStateException("HQ answered " + id + " with " + entry.get());
      }
      writeForced(outbox.resolve(id + ".receipt"), answer.body());
      return (System.nanoTime() - start) / 1e6;
    }
  }

  private static byte[] oneEntryReceipt(SecureMessages hq, String outletId) throws Exception {
    ReceiptEntry entry =
        new ReceiptEntry(
            UUID.randomUUID(),
            "0".repeat(64),
            Fixtures.salesDay().businessDate(),
            1,
            ReceiptEntry.Outcome.STORED,
            null);
    return hq.sign(
        new Receipt(UUID.randomUUID(), hq.selfId(), outletId, CLOCK.instant(), List.of(entry)));
  }

  private static void writeForced(Path file, byte[] bytes) throws IOException {
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      channel.write(ByteBuffer.wrap(bytes));
      channel.force(true);
    }
  }

  private static void add(Map<String, List<List<Double>>> rounds, String key, double sample) {
    rounds.computeIfAbsent(key, k -> new ArrayList<>()).add(List.of(sample));
  }

  private static Measurement measurement(
      String name, String label, Map<String, List<List<Double>>> rounds) {
    return new Measurement(
        Measurement.idOf(NAME, name, 1),
        NAME,
        name,
        label,
        "ms",
        1,
        0,
        rounds.get(name),
        List.of());
  }
}
