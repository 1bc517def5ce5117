package io.outpost.hq.e2e;

import io.outpost.keystore.Identity;
import io.outpost.keystore.IdentityGenerator;
import io.outpost.keystore.KeyFiles;
import io.outpost.keystore.TestIdentities;
import io.outpost.keystore.TrustDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * HQ and three outlets as provisioning leaves them on disk: each party's encrypted key file written
 * with {@link KeyFiles#write}, HQ's certificate pinned at every outlet and every outlet's at HQ.
 * Made once per test JVM (key generation is the slow part) and only read afterwards.
 */
final class Fleet {

  static final String HQ = "hq";
  static final String OUTLET_1 = "outlet-1";
  static final String OUTLET_2 = "outlet-2";
  static final String OUTLET_3 = "outlet-3";
  static final List<String> OUTLETS = List.of(OUTLET_1, OUTLET_2, OUTLET_3);

  private static final String KEY_PASSWORD = "e2e-key-password-5d8e1c";
  private static Fleet shared;

  private final Path keyPasswordFile;
  private final Map<String, Identity> identities;

  private Fleet(Path keyPasswordFile, Map<String, Identity> identities) {
    this.keyPasswordFile = keyPasswordFile;
    this.identities = identities;
  }

  /** The fleet of this JVM, made on first use in a directory removed when the JVM exits. */
  static synchronized Fleet shared() throws Exception {
    if (shared == null) {
      Path root = Files.createTempDirectory("outpost-e2e-keys");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(root)));
      shared = create(root);
    }
    return shared;
  }

  private static Fleet create(Path root) throws Exception {
    Path passwordFile = Files.writeString(root.resolve("key-password"), KEY_PASSWORD + "\n");
    List<String> parties = Stream.concat(Stream.of(HQ), OUTLETS.stream()).toList();
    // Key generation and the key file's password hashing are the slow part: one party per core.
    ExecutorService workers = Executors.newFixedThreadPool(2);
    Map<String, Future<Identity>> pending = new LinkedHashMap<>();
    try {
      for (String party : parties) {
        pending.put(party, workers.submit(() -> provision(root, party)));
      }
      Map<String, Identity> identities = new LinkedHashMap<>();
      for (Map.Entry<String, Future<Identity>> party : pending.entrySet()) {
        identities.put(party.getKey(), party.getValue().get());
      }
      pinBothWays(root, identities);
      return new Fleet(passwordFile, Map.copyOf(identities));
    } finally {
      workers.shutdownNow();
    }
  }

  private static Identity provision(Path root, String party) throws Exception {
    Instant now = Instant.now();
    IdentityGenerator.GeneratedIdentity generated =
        new IdentityGenerator()
            .generate(
                party,
                TestIdentities.TEST_BITS,
                now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(365)));
    // KeyFiles.write clears the array it is given.
    KeyFiles.write(keyDir(root, party), generated, KEY_PASSWORD.toCharArray());
    return generated.identity();
  }

  private static void pinBothWays(Path root, Map<String, Identity> identities) throws Exception {
    Identity hq = identities.get(HQ);
    for (String outlet : OUTLETS) {
      Identity identity = identities.get(outlet);
      TrustDirectory.pin(keyDir(root, HQ), identity.certificate(), identity.fingerprint());
      TrustDirectory.pin(keyDir(root, outlet), hq.certificate(), hq.fingerprint());
    }
  }

  private static Path keyDir(Path root, String party) {
    return root.resolve(party).resolve("keys");
  }

  /** A party's key directory: its identity and the certificates it pinned. */
  Path keyDir(String party) {
    return keyDir(keyPasswordFile.getParent(), party);
  }

  /** The file whose first line is every party's key password. */
  Path keyPasswordFile() {
    return keyPasswordFile;
  }

  String keyPassword() {
    return KEY_PASSWORD;
  }

  /** The identity a party's key files hold, for messages the tests forge in its name. */
  Identity identity(String party) {
    return identities.get(party);
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // Best effort: the directory is under the system's temporary directory.
    }
  }
}
