package io.outpost.bench.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.bench.Comparison;
import io.outpost.bench.Measurement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CryptoRunTest {

  @Test
  void comparisons_everyBenchmarkOnTwoThreadCounts_pairsEachFigureWithItsBaseline() {
    List<Comparison> comparisons =
        CryptoRun.comparisons(measured(List.of(CryptoBenchmark.values()), 1, 2), List.of(1, 2));

    assertThat(comparisons)
        .contains(
            new Comparison(
                "crypto.openClosing.t1",
                "crypto.rsaOaepUnwrap.t1",
                "fraction of the crypto ceiling: opening a closing needs one OAEP unwrap"),
            new Comparison(
                "crypto.aesGcmSunJce.t2",
                "crypto.aesGcmBouncyCastle.t2",
                "SunJCE's AES-GCM is this many times faster"));
    assertThat(comparisons)
        .filteredOn(c -> c.figureId().equals("crypto.rsaOaepUnwrap.t2"))
        .singleElement()
        .extracting(Comparison::baselineId)
        .isEqualTo("crypto.rsaOaepUnwrap.t1");
  }

  @Test
  void comparisons_baselineNotMeasured_leavesThePairOut() {
    List<Comparison> comparisons =
        CryptoRun.comparisons(
            measured(List.of(CryptoBenchmark.OPEN_CLOSING, CryptoBenchmark.SEAL_CLOSING), 1),
            List.of(1));

    assertThat(comparisons)
        .singleElement()
        .isEqualTo(
            new Comparison("crypto.sealClosing.t1", "crypto.openClosing.t1", "seal vs open"));
  }

  @Test
  void ofJmhName_everyBenchmark_roundTrips() {
    for (CryptoBenchmark b : CryptoBenchmark.values()) {
      assertThat(CryptoBenchmark.ofJmhName(b.jmhName())).isEqualTo(b);
    }
  }

  private static List<Measurement> measured(List<CryptoBenchmark> benchmarks, int... threads) {
    List<Measurement> all = new ArrayList<>();
    for (int t : threads) {
      for (CryptoBenchmark b : benchmarks) {
        all.add(
            new Measurement(
                Measurement.idOf("crypto", b.method(), t),
                "crypto",
                b.method(),
                b.label(),
                "ops/s",
                t,
                b.bytesPerOp(),
                List.of(List.of(1.0, 2.0)),
                List.of()));
      }
    }
    return all;
  }
}
