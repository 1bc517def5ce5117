package io.outpost.bench.ingest;

import io.outpost.bench.ingest.ProcessClock.Rate;
import io.outpost.keystore.Identity;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.spec.MGF1ParameterSpec;
import java.time.Duration;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;

/**
 * HQ's crypto ceiling measured in the ingesting JVM itself: RSA-OAEP unwraps of a content key with
 * HQ's private key, one thread (HQ ingests on one), timed over a fixed window after a warm-up.
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

  /** Unwraps per second and per CPU-second of this process over {@code window}, after a warm-up. */
  Rate measure(Duration warmUp, Duration window) throws GeneralSecurityException {
    Cipher cipher = cipher();
    run(cipher, warmUp);
    ProcessClock clock = ProcessClock.start();
    return clock.rate(run(cipher, window));
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
