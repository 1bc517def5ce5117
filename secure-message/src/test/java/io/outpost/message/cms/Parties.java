package io.outpost.message.cms;

import io.outpost.keystore.Identity;
import io.outpost.keystore.TestIdentities;
import io.outpost.keystore.TrustStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;

/** The parties of the CMS tests: two outlets and HQ, each trusting the others as in production. */
final class Parties {

  static final int MAX_BYTES = 1 << 20;
  static final Clock CLOCK = Clock.systemUTC();
  static final Identity OUTLET = TestIdentities.of("outlet-001");
  static final Identity OUTLET_2 = TestIdentities.of("outlet-002");
  static final Identity HQ = TestIdentities.of("hq");

  private Parties() {}

  /** HQ pins both outlets. */
  static TrustStore hqTrust() {
    return TrustStore.of(List.of(TestIdentities.pin(OUTLET), TestIdentities.pin(OUTLET_2)));
  }

  /** An outlet pins HQ. */
  static TrustStore outletTrust() {
    return TrustStore.of(List.of(TestIdentities.pin(HQ)));
  }

  static CmsOpener hqOpener() {
    return new CmsOpener(HQ, hqTrust(), CLOCK, MAX_BYTES);
  }

  static CmsOpener outletOpener() {
    return new CmsOpener(OUTLET, outletTrust(), CLOCK, MAX_BYTES);
  }

  static CmsSealer outletSealer() {
    return new CmsSealer(OUTLET, CLOCK);
  }

  static CmsSealer hqSealer() {
    return new CmsSealer(HQ, CLOCK);
  }

  static byte[] closing() {
    return ("{\"schema\":\"outpost.closing/1\","
            + "\"messageId\":\"5f0c8a52-7a51-4ad4-9c55-0d1a2b3c4d5e\","
            + "\"from\":\"outlet-001\",\"to\":\"hq\",\"createdAt\":\"2026-11-26T21:00:00Z\","
            + "\"lines\":[{\"item\":\"noodles\",\"quantity\":3,\"amount\":{\"minor\":2970,"
            + "\"currency\":\"EUR\"}}]}")
        .getBytes(StandardCharsets.UTF_8);
  }
}
