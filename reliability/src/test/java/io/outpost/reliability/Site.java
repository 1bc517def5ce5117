package io.outpost.reliability;

import io.outpost.message.Addresses;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Everything one scenario runs, under reliability/target/runs/NAME (kept afterwards for a look):
 * the suite's broker, HQ's key directory with the scenario's outlets pinned, HQ's database, HQ
 * processes, and the outlets with their outboxes.
 */
final class Site implements AutoCloseable {

  private final String name;
  private final Path dir;
  private final Fleet fleet;
  private final ArtemisBroker broker;
  private final Db db;
  private final Path hqKeys;
  private final List<Outlet> outlets;
  private final List<HqProcess> hqs = new ArrayList<>();

  private Site(
      String name,
      Path dir,
      Fleet fleet,
      ArtemisBroker broker,
      Db db,
      Path hqKeys,
      List<Outlet> outlets) {
    this.name = name;
    this.dir = dir;
    this.fleet = fleet;
    this.broker = broker;
    this.db = db;
    this.hqKeys = hqKeys;
    this.outlets = outlets;
  }

  /**
   * Prepares a scenario on the suite's broker (started if needed, its queues emptied): HQ's key
   * directory with these outlets pinned, HQ's database ({@code database} is given HQ's working
   * directory) and the outlets, each with a new outbox.
   */
  static Site create(String name, Collection<String> outletIds, Function<Path, Db> database) {
    Path dir = Repo.output().resolve("runs").resolve(name);
    try {
      Fleet.deleteTree(dir);
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Fleet fleet = Fleet.get();
    ArtemisBroker broker = ArtemisBroker.shared();
    for (String queue :
        List.of(Addresses.CLOSINGS, Addresses.MENU_REQUESTS, Addresses.QUARANTINE, "DLQ")) {
      broker.purge(queue);
    }
    for (String id : Fleet.OUTLET_IDS) {
      broker.purge(Addresses.inbox(id));
    }
    List<Party> parties = fleet.outlets(outletIds);
    Db db = database.apply(dir.resolve("hq"));
    Path hqKeys = fleet.hqKeys(dir.resolve("hq-keys"), parties);
    List<Outlet> outlets = new ArrayList<>();
    for (Party party : parties) {
      outlets.add(new Outlet(party, dir.resolve("outlets").resolve(party.id()), broker.url()));
    }
    return new Site(name, dir, fleet, broker, db, hqKeys, outlets);
  }

  String name() {
    return name;
  }

  Path dir() {
    return dir;
  }

  Fleet fleet() {
    return fleet;
  }

  ArtemisBroker broker() {
    return broker;
  }

  Db db() {
    return db;
  }

  Path hqKeys() {
    return hqKeys;
  }

  List<Outlet> outlets() {
    return outlets;
  }

  /** A new HQ process on this site's broker and database (not started). */
  HqProcess hq(String hqName) {
    return hq(hqName, db);
  }

  /** A new HQ process that reaches the database as {@code database} says (not started). */
  HqProcess hq(String hqName, Db database) {
    HqProcess hq =
        HqProcess.create(
            hqName,
            dir.resolve(hqName + "-logs"),
            dir.resolve("hq"),
            hqKeys,
            fleet.hq(),
            broker.url(),
            database);
    hqs.add(hq);
    return hq;
  }

  /**
   * Flushes each outlet until it is fully acknowledged ({@link Outlet#flushUntilAcknowledged}),
   * {@code parallelism} at a time; returns what is still missing, one line per outlet.
   */
  static List<String> flushUntilAcknowledged(List<Outlet> outlets, int parallelism) {
    List<String> missing = new CopyOnWriteArrayList<>();
    each(
        outlets,
        parallelism,
        outlet -> {
          String lacking = outlet.flushUntilAcknowledged(Duration.ofMinutes(4));
          if (lacking != null) {
            missing.add(lacking);
          }
        });
    return missing;
  }

  /**
   * Runs {@code work} for each outlet, {@code parallelism} at a time; rethrows the first failure.
   */
  static void each(List<Outlet> outlets, int parallelism, Consumer<Outlet> work) {
    ExecutorService pool = Executors.newFixedThreadPool(parallelism);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (Outlet outlet : outlets) {
        running.add(pool.submit(() -> work.accept(outlet)));
      }
      for (Future<?> future : running) {
        try {
          future.get();
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          if (cause instanceof RuntimeException runtime) {
            throw runtime;
          }
          if (cause instanceof Error error) {
            throw error;
          }
          throw new IllegalStateException(cause);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Kills whatever the scenario left running (HQ, outlet commands); the broker stays. */
  @Override
  public void close() {
    for (HqProcess hq : hqs) {
      hq.close();
    }
    Launched.killLeftovers();
    db.close();
  }
}
