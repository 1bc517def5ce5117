package io.outpost.outlet;

import io.outpost.keystore.Identity;
import io.outpost.keystore.IdentityGenerator;
import io.outpost.keystore.KeyFiles;
import io.outpost.keystore.TestIdentities;
import io.outpost.keystore.TrustDirectory;
import io.outpost.keystore.TrustStore;
import io.outpost.message.SecureMessages;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An outlet and its HQ as the tests need them: the outlet's key directory on disk (encrypted key,
 * HQ pinned), and HQ's side in memory with the outlet pinned.
 */
final class TestParties {

  static final String OUTLET = "outlet-a";
  static final String HQ = "hq";
  static final String KEY_PASSWORD = "correct horse battery";

  final Identity outlet;
  final Identity hq;
  final Path keyDir;

  private TestParties(Identity outlet, Identity hq, Path keyDir) {
    this.outlet = outlet;
    this.hq = hq;
    this.keyDir = keyDir;
  }

  /** Writes a new outlet identity into {@code keyDir} and pins the test HQ there. */
  static TestParties create(Path keyDir) throws Exception {
    Instant now = Instant.now();
    IdentityGenerator.GeneratedIdentity generated =
        new IdentityGenerator()
            .generate(
                OUTLET,
                TestIdentities.TEST_BITS,
                now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(365)));
    KeyFiles.write(keyDir, generated, KEY_PASSWORD.toCharArray());
    Identity hq = TestIdentities.of(HQ);
    TrustDirectory.pin(keyDir, hq.certificate(), hq.fingerprint());
    return new TestParties(generated.identity(), hq, keyDir);
  }

  /** The outlet's messages, as the CLI would build them from the key directory. */
  SecureMessages outletMessages() {
    return new SecureMessages(
        outlet, TrustStore.of(List.of(TestIdentities.pin(hq))), Clock.systemUTC());
  }

  /** Where the outlet keeps HQ's announced keys, as the CLI would build it. */
  HqKeyInbox hqKeyInbox() {
    return new HqKeyInbox(keyDir, outletMessages(), HQ, Clock.systemUTC());
  }

  /** HQ's messages, with this outlet pinned. */
  SecureMessages hqMessages() {
    return new SecureMessages(
        hq, TrustStore.of(List.of(TestIdentities.pin(outlet))), Clock.systemUTC());
  }

  /** The environment of an outlet command run by a script. */
  Map<String, String> env(Path workDir) {
    return Map.of(
        "OUTPOST_PASSWORD", KEY_PASSWORD,
        "OUTPOST_KEY_DIR", keyDir.toString(),
        "OUTPOST_OUTBOX_DIR", workDir.resolve("outbox").toString(),
        "OUTPOST_MENU_DIR", workDir.resolve("menu").toString());
  }
}
