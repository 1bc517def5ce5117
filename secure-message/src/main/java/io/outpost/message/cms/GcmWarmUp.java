package io.outpost.message.cms;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Decrypts small AES-GCM messages until the JIT has compiled the JDK's GCM code. SunJCE computes
 * GHASH with the CPU's carry-less multiply only once C2 has compiled its callers, which takes some
 * thousands of calls; until then decrypting a 20 KB closing costs about 0.3 ms instead of 0.02 ms.
 * A service that opens closings runs this once at start (about a third of a second of one core), so
 * that a backlog drained after a restart does not pay it for its first thousands of closings.
 */
public final class GcmWarmUp {

  static final int CALLS = 20_000;

  private GcmWarmUp() {}

  /** Runs the warm-up on the calling thread. */
  public static void run() {
    try {
      SecretKey key = new SecretKeySpec(new byte[32], "AES");
      GCMParameterSpec nonce = new GCMParameterSpec(CmsProfile.GCM_TAG_BYTES * 8, new byte[12]);
      Cipher encrypt = GcmKeyTransRecipient.newGcmCipher();
      encrypt.init(Cipher.ENCRYPT_MODE, key, nonce);
      byte[] sealed = encrypt.doFinal(new byte[64]);
      for (int i = 0; i < CALLS; i++) {
        Cipher decrypt = GcmKeyTransRecipient.newGcmCipher();
        decrypt.init(Cipher.DECRYPT_MODE, key, nonce);
        decrypt.doFinal(sealed);
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SunJCE cannot run AES-256-GCM", e);
    }
  }
}
