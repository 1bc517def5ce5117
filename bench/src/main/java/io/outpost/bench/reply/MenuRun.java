package io.outpost.bench.reply;

import io.outpost.bench.BenchException;
import io.outpost.bench.BenchRun;
import io.outpost.bench.Comparison;
import io.outpost.bench.Measurement;
import io.outpost.bench.RunOutcome;
import io.outpost.bench.RunSettings;
import io.outpost.bench.ingest.Backlog;
import io.outpost.bench.ingest.FleetBroker;
import io.outpost.bench.ingest.IngestDatabase;
import io.outpost.hq.HqService;
import io.outpost.hq.core.MenuPublisher;
import io.outpost.hq.jdbc.Database;
import io.outpost.keystore.Identity;
import io.outpost.message.Addresses;
import io.outpost.message.SecureMessages;
import io.outpost.message.WireProperties;
import io.outpost.message.payload.Menu;
import io.outpost.message.payload.MenuDraft;
import io.outpost.message.payload.MenuRequest;
import io.outpost.message.payload.PayloadCodec;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A burst of menu requests: every outlet of a fleet asks for the menu many times at once (signed
 * requests, each distinct), and the real HQ service answers each with the menu it signed once per
 * version, through the in-JVM broker; beside a plain request-reply of the same sizes through the
 * same broker, queue and inboxes (an echo consumer in HQ's place). Each round measures the baseline
 * first, then the figure: answers per second and the 99th percentile wait.
 */
public final class MenuRun implements BenchRun {

  public static final String NAME = "menu";

  /**
   * The burst: {@code outlets} identities each sending {@code requestsPerOutlet} requests at once.
   */
  public record Scale(int outlets, int requestsPerOutlet, int keyBits) {

    /** 1,000 requests at once, from 20 RSA-3072 identities (1,000 keys would take minutes). */
    public static final Scale FULL = new Scale(20, 50, 3072);

    /** A few requests with small keys: proves the path works, measures nothing. */
    public static final Scale SMOKE = new Scale(2, 3, 2048);

    public Scale {
      if (outlets < 1 || requestsPerOutlet < 1 || keyBits < 2048) {
        throw new IllegalArgumentException("counts must be positive, keys >= 2048 bits");
      }
    }

    int requests() {
      return outlets * requestsPerOutlet;
    }
  }

  private static final String MENU_RESOURCE = "menu.json";
  private static final Clock CLOCK = Clock.systemUTC();

  private final Scale scale;

  public MenuRun(Scale scale) {
    this.scale = scale;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public RunOutcome run(RunSettings settings, PrintStream progress) throws BenchException {
    return WorkDir.measure(
        NAME, "the menu run", settings, work -> measure(settings, progress, work));
  }

  private RunOutcome measure(RunSettings settings, PrintStream progress, Path work)
      throws Exception {
    progress.printf("menu: generating %d RSA-%d keys%n", scale.outlets() + 1, scale.keyBits());
    Backlog fleet = Backlog.fleet(work.resolve("fleet"), scale.outlets(), scale.keyBits());
    Identity hq = fleet.hq();
    List<SecureMessages> outlets = fleet.outletMessages(CLOCK);

    Map<String, List<List<Double>>> rounds = new LinkedHashMap<>();
    int requestBytes = 0;
    byte[] menu;
    try (FleetBroker broker = FleetBroker.start(work.resolve("broker"), fleet);
        IngestDatabase db = IngestDatabase.h2(Files.createDirectory(work.resolve("hq")))) {
      menu = publish(db.settings(), new SecureMessages(hq, fleet.hqTrust(), CLOCK));
      // An unrecorded round first, when warming up: HQ's and the client's code compiled.
      for (int round = settings.warmupIterations() > 0 ? 0 : 1;
          round <= settings.rounds();
          round++) {
        progress.printf(
            "menu: round %d of %d, %d requests at once, broker alone then HQ%n",
            round, settings.rounds(), scale.requests());
        List<List<Burst.Request>> signed = sign(outlets, hq.id());
        requestBytes = signed.get(0).get(0).body().length;
        Burst.Result plain;
        // HQ is not running: the echo alone consumes the menu requests.
        try (EchoResponder echo =
            EchoResponder.start(
                broker.url(),
                Backlog.HQ_ID,
                fleet.password(-1),
                Addresses.MENU_REQUESTS,
                WireProperties.TYPE_MENU,
                menu)) {
          plain = burst(broker, fleet, renamed(signed));
        }
        Burst.Result answered;
        try (HqService service =
            HqService.start(broker.hqSettings(db.settings(), 1), hq, fleet.hqTrust(), CLOCK)) {
          answered = burst(broker, fleet, signed);
        }
        verify(outlets, answered);
        if (round > 0) {
          add(rounds, "answers", answered.answeredPerSecond());
          add(rounds, "plainAnswers", plain.answeredPerSecond());
          add(rounds, "wait-p99", Percentiles.of(answered.waitsMillis(), 99));
          add(rounds, "plainWait-p99", Percentiles.of(plain.waitsMillis(), 99));
        }
      }
    }

    String burst =
        String.format(
            Locale.ROOT,
            "%,d requests at once from %d outlet identities (%d each)",
            scale.requests(),
            scale.outlets(),
            scale.requestsPerOutlet());
    String sizes =
        String.format(
            Locale.ROOT, "%,d-byte requests, %,d-byte answers", requestBytes, menu.length);
    Measurement answers =
        measurement(
            "answers",
            "answers/s",
            "menu requests answered per second: "
                + burst
                + ", each signed and verified, answered with the signed menu",
            rounds);
    Measurement plainAnswers =
        measurement(
            "plainAnswers",
            "answers/s",
            "plain request-reply per second through the same broker and queues: "
                + burst
                + ", an echo consumer answering; "
                + sizes,
            rounds);
    Measurement wait =
        measurement("wait-p99", "ms", "p99 wait from a menu request's send to its answer", rounds);
    Measurement plainWait =
        measurement("plainWait-p99", "ms", "p99 wait in the plain request-reply; " + sizes, rounds);
    List<Comparison> comparisons =
        List.of(
            new Comparison(
                answers.id(),
                plainAnswers.id(),
                "menu answers/s as a fraction of plain request-reply (goal: at least 0.7)"),
            new Comparison(
                wait.id(),
                plainWait.id(),
                "menu p99 wait in plain request-reply p99 waits (1.0 = HQ adds nothing)"));
    Map<String, String> notes = new LinkedHashMap<>();
    notes.put(
        "burst",
        burst
            + ", fewer identities than 1,000 distinct outlets because RSA-"
            + scale.keyBits()
            + " keys are slow to make; every request distinct, each outlet with its own broker"
            + " login; "
            + sizes
            + "; HQ as in production (one menu worker, H2 file) and the broker in this JVM, the"
            + " outlets' threads too");
    return new RunOutcome(List.of(answers, plainAnswers, wait, plainWait), comparisons, notes);
  }

  private static Burst.Result burst(
      FleetBroker broker, Backlog fleet, List<List<Burst.Request>> requests) throws Exception {
    return Burst.run(
        broker.url(),
        fleet,
        requests,
        Addresses.MENU_REQUESTS,
        WireProperties.TYPE_MENU_REQUEST,
        WireProperties.TYPE_MENU);
  }

  /** Publishes the example menu as HQ's operator does, and returns what HQ will answer with. */
  private static byte[] publish(Database.Settings settings, SecureMessages hq) throws Exception {
    MenuDraft draft;
    try (InputStream in = MenuRun.class.getResourceAsStream(MENU_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the example menu is not on the class path");
      }
      draft = new PayloadCodec().decodeMenuDraft(in.readAllBytes());
    }
    try (Database database = Database.open(settings)) {
      return new MenuPublisher(hq.selfId(), hq, database.menuStore(), CLOCK)
          .publish(draft)
          .signed();
    }
  }

  /** Each outlet's requests, signed by it, each with a new id. */
  private List<List<Burst.Request>> sign(List<SecureMessages> outlets, String hqId)
      throws Exception {
    List<List<Burst.Request>> all = new ArrayList<>();
    for (SecureMessages outlet : outlets) {
      List<Burst.Request> requests = new ArrayList<>();
      for (int i = 0; i < scale.requestsPerOutlet(); i++) {
        MenuRequest request =
            new MenuRequest(UUID.randomUUID(), outlet.selfId(), hqId, CLOCK.instant(), 0);
        requests.add(new Burst.Request(request.messageId().toString(), outlet.sign(request)));
      }
      all.add(requests);
    }
    return all;
  }

  /** The same bodies under new ids, so that the broker's duplicate detection lets them in. */
  private static List<List<Burst.Request>> renamed(List<List<Burst.Request>> requests) {
    return requests.stream()
        .map(
            r ->
                r.stream()
                    .map(q -> new Burst.Request(UUID.randomUUID().toString(), q.body()))
                    .toList())
        .toList();
  }

  /** Every answer must be a menu each outlet accepts; HQ signed it once, so check each once. */
  private static void verify(List<SecureMessages> outlets, Burst.Result answered) throws Exception {
    for (int i = 0; i < outlets.size(); i++) {
      Set<ByteBuffer> checked = new HashSet<>();
      for (byte[] body : answered.answers().get(i)) {
        if (checked.add(ByteBuffer.wrap(body))) {
          outlets.get(i).openSigned(body, Menu.class);
        }
      }
    }
  }

  private static void add(Map<String, List<List<Double>>> rounds, String key, double sample) {
    rounds.computeIfAbsent(key, k -> new ArrayList<>()).add(List.of(sample));
  }

  private static Measurement measurement(
      String name, String unit, String label, Map<String, List<List<Double>>> rounds) {
    return new Measurement(
        Measurement.idOf(NAME, name, 1),
        NAME,
        name,
        label,
        unit,
        1,
        0,
        rounds.get(name),
        List.of());
  }
}
