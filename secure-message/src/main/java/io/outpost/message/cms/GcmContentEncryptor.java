package io.outpost.message.cms;

import java.io.IOException;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.cms.GCMParameters;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.GenericKey;
import org.bouncycastle.operator.OutputAEADEncryptor;
import org.bouncycastle.operator.jcajce.JceGenericKey;

/**
 * Encrypts one message's content with AES-256-GCM on SunJCE under a fresh random key and nonce.
 *
 * <p>Bouncy Castle wants the ciphertext and the tag apart (the tag goes into the
 * AuthEnvelopedData's {@code mac} field); the JDK appends the tag to the last output, so the last
 * sixteen bytes are held back. One instance encrypts exactly one message.
 */
final class GcmContentEncryptor implements OutputAEADEncryptor {

  private final SecretKey key;
  private final Cipher cipher;
  private final AlgorithmIdentifier algorithm;
  private byte[] tag;

  GcmContentEncryptor(SecureRandom random) {
    byte[] keyBytes = new byte[CmsProfile.AES_KEY_BYTES];
    byte[] nonce = new byte[CmsProfile.GCM_NONCE_BYTES];
    random.nextBytes(keyBytes);
    random.nextBytes(nonce);
    key = new SecretKeySpec(keyBytes, "AES");
    Arrays.fill(keyBytes, (byte) 0);
    try {
      cipher = Cipher.getInstance(CmsProfile.AES_GCM, CmsProfile.SUN_JCE);
      cipher.init(
          Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(CmsProfile.GCM_TAG_BYTES * 8, nonce));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SunJCE cannot encrypt with AES-256-GCM", e);
    }
    algorithm =
        new AlgorithmIdentifier(
            CmsProfile.AES256_GCM, new GCMParameters(nonce, CmsProfile.GCM_TAG_BYTES));
  }

  @Override
  public AlgorithmIdentifier getAlgorithmIdentifier() {
    return algorithm;
  }

  @Override
  public GenericKey getKey() {
    return new JceGenericKey(algorithm, key);
  }

  @Override
  public OutputStream getOutputStream(OutputStream out) {
    return new OutputStream() {
      private boolean closed;

      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        byte[] encrypted = cipher.update(b, off, len);
        if (encrypted != null) {
          out.write(encrypted);
        }
      }

      @Override
      public void close() throws IOException {
        if (closed) {
          return;
        }
        closed = true;
        byte[] last;
        try {
          last = cipher.doFinal();
        } catch (GeneralSecurityException e) {
          throw new IOException("AES-GCM encryption failed", e);
        }
        int tagStart = last.length - CmsProfile.GCM_TAG_BYTES;
        out.write(last, 0, tagStart);
        tag = Arrays.copyOfRange(last, tagStart, last.length);
        out.close();
      }
    };
  }

  /** The profile has no authenticated attributes, so there is never additional data. */
  @Override
  public OutputStream getAADStream() {
    return new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        throw new IOException("Outpost's profile has no authenticated attributes");
      }
    };
  }

  @Override
  public byte[] getMAC() {
    if (tag == null) {
      throw new IllegalStateException("the GCM tag exists only after the content stream is closed");
    }
    return tag.clone();
  }

  Provider provider() {
    return cipher.getProvider();
  }
}
