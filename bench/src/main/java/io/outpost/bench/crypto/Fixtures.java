package io.outpost.bench.crypto;

import io.outpost.keystore.Identity;
import io.outpost.keystore.IdentityGenerator;
import io.outpost.keystore.KeystoreException;
import io.outpost.keystore.PinnedCertificate;
import io.outpost.keystore.TrustStore;
import io.outpost.message.payload.Closing;
import io.outpost.message.payload.PayloadCodec;
import io.outpost.message.payload.PayloadException;
import io.outpost.message.payload.SalesDay;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What every benchmark works on: an outlet and HQ with RSA-3072 keys generated in this JVM (never
 * written anywhere), and a closing made from the example day of sales in {@code
 * examples/closing.json}. Key generation takes seconds, so each identity is made once per JVM.
 */
public final class Fixtures {

  public static final String OUTLET_ID = "outlet-001";
  public static final String HQ_ID = "hq";
  public static final Clock CLOCK = Clock.systemUTC();

  /** The example day of sales, packaged with the benchmarks. */
  static final String SALES_DAY_RESOURCE = "closing.json";

  private Fixtures() {}

  /** The outlet's identity, RSA-3072. */
  public static Identity outlet() {
    return OutletHolder.IDENTITY;
  }

  /** HQ's identity, RSA-3072. */
  public static Identity hq() {
    return HqHolder.IDENTITY;
  }

  /** HQ's trust store: the outlet pinned. */
  public static TrustStore hqTrust() {
    return TrustStore.of(List.of(pin(outlet())));
  }

  /** The outlet's trust store: HQ pinned. */
  public static TrustStore outletTrust() {
    return TrustStore.of(List.of(pin(hq())));
  }

  /** The example day of sales. */
  public static SalesDay salesDay() {
    try (InputStream in = Fixtures.class.getResourceAsStream(SALES_DAY_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            SALES_DAY_RESOURCE + " is not packaged with the benchmarks; rebuild the bench module");
      }
      return new PayloadCodec().decodeSalesDay(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (PayloadException e) {
      throw new IllegalStateException("the example day of sales is not valid", e);
    }
  }

  /** The example day as the outlet's first closing for HQ. */
  public static Closing closing() {
    return salesDay()
        .toClosing(UUID.randomUUID(), OUTLET_ID, HQ_ID, CLOCK.instant(), 1, null, null);
  }

  private static PinnedCertificate pin(Identity identity) {
    return new PinnedCertificate(identity.id(), identity.certificate(), false);
  }

  private static Identity generate(String id) {
    Instant now = CLOCK.instant();
    try {
      return new IdentityGenerator()
          .generate(
              id,
              IdentityGenerator.DEFAULT_BITS,
              now.minus(Duration.ofDays(1)),
              now.plus(Duration.ofDays(30)))
          .identity();
    } catch (KeystoreException e) {
      throw new IllegalStateException("cannot generate the benchmark identity " + id, e);
    }
  }

  // Holder classes: each key is generated on first use, once, whichever thread asks first.
  private static final class OutletHolder {
    static final Identity IDENTITY = generate(OUTLET_ID);
  }

  private static final class HqHolder {
    static final Identity IDENTITY = generate(HQ_ID);
  }
}
