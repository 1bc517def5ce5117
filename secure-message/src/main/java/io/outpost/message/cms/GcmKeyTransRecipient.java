package io.outpost.message.cms;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.KeyTransRecipient;
import org.bouncycastle.cms.RecipientOperator;
import org.bouncycastle.operator.InputAEADDecryptor;

/**
 * Our side of a KeyTransRecipientInfo: unwraps the content key with RSAES-OAEP and decrypts the
 * content with AES-256-GCM, both on SunJCE. Bouncy Castle's own recipient would look GCM parameters
 * up by OID, which SunJCE does not register, and would fall back to pure-Java GCM.
 *
 * <p>The decrypted stream yields nothing until the whole ciphertext has been read and the tag has
 * verified: a forged message never releases plaintext.
 */
final class GcmKeyTransRecipient implements KeyTransRecipient {

  private final PrivateKey privateKey;

  GcmKeyTransRecipient(PrivateKey privateKey) {
    this.privateKey = privateKey;
  }

  @Override
  public RecipientOperator getRecipientOperator(
      AlgorithmIdentifier keyEncryptionAlgorithm,
      AlgorithmIdentifier contentEncryptionAlgorithm,
      byte[] encryptedContentKey)
      throws CMSException {
    return new RecipientOperator(
        decryptor(keyEncryptionAlgorithm, contentEncryptionAlgorithm, encryptedContentKey));
  }

  Decryptor decryptor(
      AlgorithmIdentifier keyEncryptionAlgorithm,
      AlgorithmIdentifier contentEncryptionAlgorithm,
      byte[] encryptedContentKey)
      throws CMSException {
    byte[] nonce;
    try {
      CmsProfile.requireOaep(keyEncryptionAlgorithm);
      nonce = CmsProfile.gcmNonce(contentEncryptionAlgorithm);
    } catch (IllegalArgumentException e) {
      throw new CMSException(e.getMessage(), e);
    }
    Cipher cipher = newGcmCipher();
    byte[] keyBytes = unwrap(encryptedContentKey);
    try {
      cipher.init(
          Cipher.DECRYPT_MODE,
          new SecretKeySpec(keyBytes, "AES"),
          new GCMParameterSpec(CmsProfile.GCM_TAG_BYTES * 8, nonce));
    } catch (GeneralSecurityException e) {
      throw new CMSException("cannot start AES-GCM decryption: " + e.getMessage(), e);
    } finally {
      Arrays.fill(keyBytes, (byte) 0);
    }
    return new Decryptor(contentEncryptionAlgorithm, cipher);
  }

  private byte[] unwrap(byte[] encryptedContentKey) throws CMSException {
    byte[] keyBytes;
    try {
      Cipher cipher = OaepKeyWrapper.newCipher();
      cipher.init(Cipher.DECRYPT_MODE, privateKey, CmsProfile.OAEP_SPEC);
      keyBytes = cipher.doFinal(encryptedContentKey);
    } catch (GeneralSecurityException e) {
      throw new CMSException("RSAES-OAEP unwrap of the content key failed", e);
    }
    if (keyBytes.length != CmsProfile.AES_KEY_BYTES) {
      Arrays.fill(keyBytes, (byte) 0);
      throw new CMSException("the content key is not an AES-256 key");
    }
    return keyBytes;
  }

  static Cipher newGcmCipher() {
    try {
      return Cipher.getInstance(CmsProfile.AES_GCM, CmsProfile.SUN_JCE);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SunJCE cannot decrypt AES-256-GCM", e);
    }
  }

  /** Decrypts the ciphertext with its tag appended, as Bouncy Castle supplies them. */
  static final class Decryptor implements InputAEADDecryptor {

    private final AlgorithmIdentifier algorithm;
    private final Cipher cipher;

    Decryptor(AlgorithmIdentifier algorithm, Cipher cipher) {
      this.algorithm = algorithm;
      this.cipher = cipher;
    }

    @Override
    public AlgorithmIdentifier getAlgorithmIdentifier() {
      return algorithm;
    }

    @Override
    public InputStream getInputStream(InputStream ciphertextAndTag) {
      return new InputStream() {
        private InputStream plaintext;
        private IOException failure;

        @Override
        public int read() throws IOException {
          return plaintext().read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          return plaintext().read(b, off, len);
        }

        private InputStream plaintext() throws IOException {
          if (failure != null) {
            throw failure;
          }
          if (plaintext == null) {
            try {
              plaintext = new ByteArrayInputStream(cipher.doFinal(ciphertextAndTag.readAllBytes()));
            } catch (GeneralSecurityException e) {
              failure = new IOException("AES-GCM tag verification failed", e);
              throw failure;
            }
          }
          return plaintext;
        }
      };
    }

    /**
     * The profile has no authenticated attributes; Bouncy Castle only writes here if some exist.
     */
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
      throw new UnsupportedOperationException("the JDK verifies the tag during decryption");
    }

    Provider provider() {
      return cipher.getProvider();
    }
  }
}
