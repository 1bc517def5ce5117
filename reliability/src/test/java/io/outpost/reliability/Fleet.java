package io.outpost.reliability;

import io.outpost.keystore.Identity;
import io.outpost.keystore.IdentityGenerator;
import io.outpost.keystore.IdentityGenerator.GeneratedIdentity;
import io.outpost.keystore.KeyFiles;
import io.outpost.keystore.KeystoreException;
import io.outpost.keystore.TrustDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

/**
 * HQ and the outlets of every scenario, made once per test JVM under target/fleet: keys generated
 * here, private keys encrypted with a password as bin/keystore writes them, HQ pinned by each
 * outlet. Each scenario pins the outlets it uses in its own copy of HQ's key directory.
 *
 * <p>Keys are RSA-2048 (the wire format is the same as with the default 3072 bits); {@code
 * -Dreliability.keyBits=3072} runs the suite with production-size keys.
 */
final class Fleet {

  static final String HQ = "hq";
  static final int KEY_BITS = Integer.getInteger("reliability.keyBits", 2048);

  /** Every outlet id a scenario uses; each has a broker login from the start. */
  static final List<String> OUTLET_IDS =
      IntStream.rangeClosed(1, 38).mapToObj(i -> String.format("outlet-%02d", i)).toList();

  private static Fleet instance;

  private final Path dir;
  private final Map<String, Party> parties = new ConcurrentHashMap<>();
  private final Map<String, String> brokerPasswords = new ConcurrentHashMap<>();
  private final Party hq;

  private Fleet(Path dir) {
    this.dir = dir;
    this.hq = make(HQ, null);
  }

  static synchronized Fleet get() {
    if (instance == null) {
      Repo.requireBuilt();
      instance = new Fleet(Repo.output().resolve("fleet-" + KEY_BITS));
    }
    return instance;
  }

  Party hq() {
    return hq;
  }

  /** The broker password of a login; the same for the whole run, made before any key. */
  String brokerPassword(String login) {
    return brokerPasswords.computeIfAbsent(login, l -> secret());
  }

  /** The outlet with this id, made on first use; it pins this fleet's HQ. */
  Party outlet(String id) {
    return parties.computeIfAbsent(id, i -> make(i, hq.identity()));
  }

  /** Makes the outlets with these ids, two at a time (key generation and PBKDF2 are CPU work). */
  List<Party> outlets(Collection<String> ids) {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<Party>> made = ids.stream().map(id -> pool.submit(() -> outlet(id))).toList();
      return made.stream().map(Fleet::join).toList();
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * A new HQ key directory under {@code target}: HQ's identity with exactly these outlets pinned,
   * as an HQ would have it after provisioning them.
   */
  Path hqKeys(Path target, Collection<Party> outlets) {
    try {
      Files.createDirectories(target);
      for (String file :
          List.of(KeyFiles.PRIVATE_KEY_FILE, KeyFiles.CERTIFICATE_FILE, KeyFiles.REQUEST_FILE)) {
        Files.copy(hq.keyDir().resolve(file), target.resolve(file));
      }
      for (Party outlet : outlets) {
        pin(target, outlet.identity());
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Pins {@code identity}'s certificate in {@code keyDir}, as 'keystore trust' does. */
  static void pin(Path keyDir, Identity identity) {
    try {
      TrustDirectory.pin(keyDir, identity.certificate(), identity.fingerprint());
    } catch (KeystoreException e) {
      throw new IllegalStateException("cannot pin " + identity.id() + ": " + e.getMessage(), e);
    }
  }

  /** A fresh identity, not on disk, for parties HQ must not know or must see expire. */
  static Identity identity(String id, Instant notBefore, Instant notAfter) {
    try {
      return new IdentityGenerator().generate(id, KEY_BITS, notBefore, notAfter).identity();
    } catch (KeystoreException e) {
      throw new IllegalStateException(e);
    }
  }

  static Identity identity(String id) {
    Instant now = Instant.now();
    return identity(id, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)));
  }

  private Party make(String id, Identity pinnedHq) {
    try {
      Path partyDir = Files.createDirectories(dir.resolve(id));
      Path keyDir = partyDir.resolve("keys");
      if (Files.exists(keyDir)) {
        // a fleet left by an earlier run in the same target/ is not reused: keys are cheap enough
        deleteTree(keyDir);
      }
      String keyPassword = secret();
      String brokerPassword = brokerPassword(id);
      Instant now = Instant.now();
      GeneratedIdentity generated =
          new IdentityGenerator()
              .generate(
                  id, KEY_BITS, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)));
      KeyFiles.write(keyDir, generated, keyPassword.toCharArray());
      if (pinnedHq != null) {
        pin(keyDir, pinnedHq);
      }
      Path keyPasswordFile = ownerOnly(partyDir.resolve("key.password"), keyPassword);
      Path brokerPasswordFile = ownerOnly(partyDir.resolve("broker.password"), brokerPassword);
      return new Party(
          id, generated.identity(), keyDir, keyPasswordFile, brokerPassword, brokerPasswordFile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (KeystoreException e) {
      throw new IllegalStateException("cannot make " + id + ": " + e.getMessage(), e);
    }
  }

  static String secret() {
    byte[] bytes = new byte[18];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  static Path ownerOnly(Path file, String content) throws IOException {
    Files.deleteIfExists(file);
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, content + "\n");
    return file;
  }

  static void deleteTree(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (var walk = Files.walk(path)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static <T> T join(Future<T> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }
}
