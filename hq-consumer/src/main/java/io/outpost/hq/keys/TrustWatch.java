package io.outpost.hq.keys;

import io.outpost.keystore.KeystoreException;
import io.outpost.keystore.TrustDirectory;
import io.outpost.keystore.TrustStore;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trust directory as it is now, for a service that runs for months: a pin or a revocation made
 * with {@code keystore} or {@code hq keys} is seen within {@code interval}, without a restart.
 *
 * <p>A change shows as a change of the file names under {@code trusted/} (pinning adds a
 * certificate file, revoking a marker file; neither is ever rewritten), so a check is one directory
 * listing per peer and no file is read unless something changed. A trust directory that fails to
 * load (a file being copied in by hand) leaves the last good one in use, with a warning.
 * Thread-safe.
 */
public final class TrustWatch {

  private static final Logger LOG = LoggerFactory.getLogger(TrustWatch.class);

  private final Path keyDir;
  private final long intervalNanos;
  private final LongSupplier nanoTime;
  private TrustStore trust;
  private List<String> names;
  private long checkedAt;
  private List<String> failedNames;

  TrustWatch(Path keyDir, Duration interval, LongSupplier nanoTime) throws KeystoreException {
    this.keyDir = Objects.requireNonNull(keyDir, "keyDir");
    this.intervalNanos = interval.toNanos();
    this.nanoTime = nanoTime;
    this.names = names();
    this.trust = TrustDirectory.load(keyDir);
    this.checkedAt = nanoTime.getAsLong();
  }

  /** Loads the trust directory under {@code keyDir} and watches it. */
  public static TrustWatch of(Path keyDir, Duration interval) throws KeystoreException {
    return new TrustWatch(keyDir, interval, System::nanoTime);
  }

  /** The identity directory whose {@code trusted/} this watches. */
  public Path keyDir() {
    return keyDir;
  }

  /** The pins as of the last check, checking again first if {@code interval} has passed. */
  public synchronized TrustStore current() {
    long now = nanoTime.getAsLong();
    if (now - checkedAt < intervalNanos) {
      return trust;
    }
    checkedAt = now;
    List<String> seen = names();
    if (seen.equals(names) || seen.equals(failedNames)) {
      return trust;
    }
    try {
      TrustStore loaded = TrustDirectory.load(keyDir);
      trust = loaded;
      names = seen;
      failedNames = null;
      LOG.info(
          "trust directory {} changed: {} pinned certificate(s) now", keyDir, loaded.all().size());
    } catch (KeystoreException e) {
      failedNames = seen;
      LOG.warn(
          "trust directory {} changed but cannot be read, still using the last good one: {}",
          keyDir,
          e.getMessage());
    }
    return trust;
  }

  /** Every peer/file name under trusted/, sorted; hidden names (writes in flight) excluded. */
  private List<String> names() {
    Path trusted = keyDir.resolve(TrustDirectory.TRUSTED);
    List<String> all = new ArrayList<>();
    if (!Files.isDirectory(trusted)) {
      return all;
    }
    try (DirectoryStream<Path> peers = Files.newDirectoryStream(trusted)) {
      for (Path peer : peers) {
        String peerName = peer.getFileName().toString();
        if (peerName.startsWith(".") || !Files.isDirectory(peer)) {
          continue;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(peer)) {
          for (Path file : files) {
            String name = file.getFileName().toString();
            if (!name.startsWith(".")) {
              all.add(peerName + "/" + name);
            }
          }
        }
      }
    } catch (IOException e) {
      // Unreadable right now: report it as a change, so that the load says what is wrong.
      all.add("?" + e.getMessage());
    }
    Collections.sort(all);
    return all;
  }
}
