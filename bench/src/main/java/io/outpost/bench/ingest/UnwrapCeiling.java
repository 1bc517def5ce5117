package io.outpost.bench.ingest;

import io.outpost.bench.ingest.ProcessClock.Rate;
import io.outpost.keystore.Identity;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.spec.MGF1ParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;

/**
 * HQ's crypto ceiling measured in the ingesting JVM itself: RSA-OAEP unwraps of a content key with
 * HQ's private key, on as many threads as HQ ingests with, timed over a fixed window after a
 * warm-up.
 */
final class UnwrapCeiling {

  private static final OAEPParameterSpec OAEP =
      new OAEPParameterSpec(
          "SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT);

  private final Identity hq;
  private final byte[] contentKey = new byte[32];
  private final byte[] wrapped;

  UnwrapCeiling(Identity hq) throws GeneralSecurityException {
    this.hq = hq;
    SecureRandom random = new SecureRandom();
    random.nextBytes(contentKey);
    Cipher wrap = cipher();
    wrap.init(Cipher.ENCRYPT_MODE, hq.certificate().getPublicKey(), OAEP, random);
    wrapped = wrap.doFinal(contentKey);
  }

  /**
   * Unwraps per second and per CPU-second of this process over {@code window}, after a warm-up, on
   * {@code threads} threads together.
   */
  Rate measure(int threads, Duration warmUp, Duration window) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      runAll(pool, threads, warmUp);
      ProcessClock clock = ProcessClock.start();
      return clock.rate(runAll(pool, threads, window));
    } finally {
      pool.shutdownNow();
    }
  }

  private long runAll(ExecutorService pool, int threads, Duration duration) throws Exception {
    List<Future<Long>> counts = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      counts.add(pool.submit(() -> run(cipher(), duration)));
    }
    long total = 0;
    try {
      for (Future<Long> count : counts) {
        total += count.get();
      }
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
    return total;
  }

  private long run(Cipher cipher, Duration duration) throws GeneralSecurityException {
    long deadline = System.nanoTime() + duration.toNanos();
    long count = 0;
    do {
      cipher.init(Cipher.DECRYPT_MODE, hq.privateKey(), OAEP);
      if (!Arrays.equals(cipher.doFinal(wrapped), contentKey)) {
        throw new IllegalStateException("OAEP unwrap returned another key");
      }
      count++;
    } while (System.nanoTime() < deadline);
    return count;
  }

  private static Cipher cipher() throws GeneralSecurityException {
    return Cipher.getInstance("RSA/ECB/OAEPPadding", "SunJCE");
  }
}
