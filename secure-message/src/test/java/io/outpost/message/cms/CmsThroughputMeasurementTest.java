package io.outpost.message.cms;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.keystore.Identity;
import io.outpost.keystore.IdentityGenerator;
import io.outpost.keystore.TestIdentities;
import io.outpost.keystore.TrustStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Measures median seal and open times of a 20 KB closing with RSA-3072 keys in one warm JVM. A
 * measurement, not a test: it asserts nothing about time and runs only when asked, with {@code
 * -Doutpost.measure=true}; figures go to the test's standard output.
 */
@EnabledIfSystemProperty(named = "outpost.measure", matches = "true")
class CmsThroughputMeasurementTest {

  private static final int WARM_UP = 300;
  private static final int ROUNDS = 1000;

  @Test
  void measure_sealAndOpen_20kbClosing_rsa3072() throws Exception {
    Identity outlet = generate("outlet-001");
    Identity hq = generate("hq");
    Clock clock = Clock.systemUTC();
    CmsSealer sealer = new CmsSealer(outlet, clock);
    CmsOpener opener =
        new CmsOpener(hq, TrustStore.of(List.of(TestIdentities.pin(outlet))), clock, 1 << 20);
    byte[] payload = closingOf(20_000);

    for (int i = 0; i < WARM_UP; i++) {
      opener.openSealed(sealer.seal(payload, hq.certificate()));
    }
    long[] seal = new long[ROUNDS];
    long[] open = new long[ROUNDS];
    for (int i = 0; i < ROUNDS; i++) {
      long start = System.nanoTime();
      byte[] sealed = sealer.seal(payload, hq.certificate());
      long sealedAt = System.nanoTime();
      OpenedMessage opened = opener.openSealed(sealed);
      long openedAt = System.nanoTime();
      assertThat(opened.payload()).hasSize(payload.length);
      seal[i] = sealedAt - start;
      open[i] = openedAt - sealedAt;
    }

    System.out.printf(
        "payload %d bytes, RSA-3072, %d rounds after %d warm-up: median seal %.3f ms, median open"
            + " %.3f ms (p90 %.3f / %.3f ms), message %d bytes%n",
        payload.length,
        ROUNDS,
        WARM_UP,
        median(seal),
        median(open),
        percentile(seal, 0.9),
        percentile(open, 0.9),
        sealer.seal(payload, hq.certificate()).length);
  }

  private static Identity generate(String id) throws Exception {
    Instant now = Instant.now();
    return new IdentityGenerator()
        .generate(
            id,
            IdentityGenerator.DEFAULT_BITS,
            now.minus(Duration.ofDays(1)),
            now.plus(Duration.ofDays(30)))
        .identity();
  }

  /** A closing-like JSON document of about {@code bytes} bytes. */
  private static byte[] closingOf(int bytes) {
    StringBuilder json = new StringBuilder("{\"schema\":\"outpost.closing/1\",\"lines\":[");
    for (int line = 0; json.length() < bytes - 100; line++) {
      json.append(line == 0 ? "" : ",")
          .append("{\"item\":\"item-")
          .append(line)
          .append("\",\"quantity\":")
          .append(line % 7 + 1)
          .append(",\"amount\":{\"minor\":")
          .append(100 + line * 37 % 5000)
          .append(",\"currency\":\"EUR\"}}");
    }
    return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
  }

  private static double median(long[] nanos) {
    return percentile(nanos, 0.5);
  }

  private static double percentile(long[] nanos, double fraction) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return sorted[(int) Math.min(sorted.length - 1, Math.round(fraction * (sorted.length - 1)))]
        / 1e6;
  }
}
