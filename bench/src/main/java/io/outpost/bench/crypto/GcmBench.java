package io.outpost.bench.crypto;

import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * AES-256-GCM decryption of 20 KiB (a closing's size), tag check included, with the JDK's SunJCE
 * provider (AES-NI and CLMUL intrinsics) and with Bouncy Castle's provider (pure Java).
 */
public class GcmBench {

  public static final int CONTENT_BYTES = 20 * 1024;

  /** A key, a nonce and 20 KiB of ciphertext with its tag. */
  @State(Scope.Benchmark)
  public static class Content {
    SecretKey key;
    GCMParameterSpec nonce;
    byte[] ciphertext;
    Provider bouncyCastle;

    @Setup(Level.Trial)
    public void setUp() throws GeneralSecurityException {
      SecureRandom random = new SecureRandom();
      byte[] keyBytes = new byte[32];
      random.nextBytes(keyBytes);
      key = new SecretKeySpec(keyBytes, "AES");
      byte[] iv = new byte[12];
      random.nextBytes(iv);
      nonce = new GCMParameterSpec(128, iv);
      byte[] plaintext = new byte[CONTENT_BYTES];
      random.nextBytes(plaintext);
      Cipher encrypt = Cipher.getInstance("AES/GCM/NoPadding", "SunJCE");
      encrypt.init(Cipher.ENCRYPT_MODE, key, nonce);
      ciphertext = encrypt.doFinal(plaintext);
      // Not registered: only the benchmark that names it uses it.
      bouncyCastle = new BouncyCastleProvider();
      Ciphers check = new Ciphers();
      check.setUp(this);
      if (!Arrays.equals(decrypt(check.sunJce, this), plaintext)
          || !Arrays.equals(decrypt(check.bouncyCastle, this), plaintext)) {
        throw new IllegalStateException("AES-GCM round trip failed");
      }
    }
  }

  /** Cipher engines per thread. */
  @State(Scope.Thread)
  public static class Ciphers {
    Cipher sunJce;
    Cipher bouncyCastle;

    @Setup(Level.Trial)
    public void setUp(Content content) throws GeneralSecurityException {
      sunJce = Cipher.getInstance("AES/GCM/NoPadding", "SunJCE");
      bouncyCastle = Cipher.getInstance("AES/GCM/NoPadding", content.bouncyCastle);
    }
  }

  @Benchmark
  public byte[] aesGcmSunJce(Ciphers c, Content content) throws GeneralSecurityException {
    return decrypt(c.sunJce, content);
  }

  @Benchmark
  public byte[] aesGcmBouncyCastle(Ciphers c, Content content) throws GeneralSecurityException {
    return decrypt(c.bouncyCastle, content);
  }

  static byte[] decrypt(Cipher cipher, Content content) throws GeneralSecurityException {
    cipher.init(Cipher.DECRYPT_MODE, content.key, content.nonce);
    return cipher.doFinal(content.ciphertext);
  }
}
