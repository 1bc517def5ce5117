package io.outpost.message.fuzz;

import io.outpost.keystore.Identity;
import io.outpost.keystore.IdentityGenerator;
import io.outpost.keystore.KeystoreException;
import io.outpost.keystore.TestIdentities;
import io.outpost.keystore.TrustStore;
import io.outpost.message.SecureMessages;
import io.outpost.message.cms.CmsSealer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The parties of the fuzz tests: HQ and two outlets that trust each other as in production, on a
 * fixed clock.
 *
 * <p>Their keys are derived from fixed, public seeds, so that an input the fuzzer saved (a whole
 * message signed by one of them) means the same message in every later run. These keys protect
 * nothing: no certificate outside these tests is made from them, and none is written anywhere.
 * {@link FuzzPartiesTest} pins the derived certificates, so a JDK whose key generation consumes the
 * seed differently is noticed rather than silently making the saved messages unverifiable.
 */
final class FuzzParties {

  /** Every party's "now": inside the certificates' validity, and the same in every run. */
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC);

  // UTCTime dates on both ends, so that the certificates have the same length in every run.
  private static final Instant NOT_BEFORE = Instant.parse("2020-01-01T00:00:00Z");
  private static final Instant NOT_AFTER = Instant.parse("2049-12-31T00:00:00Z");

  static final Identity HQ = derive("hq");
  static final Identity OUTLET = derive("outlet-001");
  static final Identity OTHER_OUTLET = derive("outlet-002");

  /** HQ pins both outlets. */
  static final SecureMessages AT_HQ =
      new SecureMessages(
          HQ,
          TrustStore.of(List.of(TestIdentities.pin(OUTLET), TestIdentities.pin(OTHER_OUTLET))),
          CLOCK);

  /** An outlet pins HQ. */
  static final SecureMessages AT_OUTLET =
      new SecureMessages(OUTLET, TrustStore.of(List.of(TestIdentities.pin(HQ))), CLOCK);

  static final SecureMessages AT_OTHER_OUTLET =
      new SecureMessages(OTHER_OUTLET, TrustStore.of(List.of(TestIdentities.pin(HQ))), CLOCK);

  static final CmsSealer OUTLET_SEALER = new CmsSealer(OUTLET, CLOCK);
  static final CmsSealer OTHER_OUTLET_SEALER = new CmsSealer(OTHER_OUTLET, CLOCK);
  static final CmsSealer HQ_SEALER = new CmsSealer(HQ, CLOCK);

  private FuzzParties() {}

  /** The identity whose key pair and certificate follow from {@code id} alone. */
  static Identity derive(String id) {
    try {
      // SHA1PRNG seeded before its first use is a deterministic generator, which is the point.
      SecureRandom random = SecureRandom.getInstance("SHA1PRNG", "SUN");
      random.setSeed(("outpost fuzzing, not a secret: " + id).getBytes(StandardCharsets.UTF_8));
      return new IdentityGenerator(random)
          .generate(id, TestIdentities.TEST_BITS, NOT_BEFORE, NOT_AFTER)
          .identity();
    } catch (GeneralSecurityException | KeystoreException e) {
      throw new IllegalStateException("cannot derive the fuzzing identity " + id, e);
    }
  }
}
