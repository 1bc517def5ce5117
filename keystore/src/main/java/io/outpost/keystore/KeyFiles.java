package io.outpost.keystore;

import io.outpost.keystore.IdentityGenerator.GeneratedIdentity;
import io.outpost.keystore.KeystoreException.Reason;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Arrays;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.util.io.pem.PemGenerationException;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/**
 * Reads and writes an identity directory: {@code private.pem}, {@code cert.pem} and {@code
 * csr.pem}.
 *
 * <p>{@code private.pem} is an encrypted PKCS#8 PEM (RFC 7468's encrypted private-key label): PBES2 with
 * PBKDF2-HMAC-SHA256 (600,000 iterations, 32-byte salt) and AES-256-CBC, the profile that the JDK,
 * Bouncy Castle and OpenSSL all read. It is created owner-only (0600) before any byte is written.
 * Every method that takes a password clears the array before it returns, whatever the outcome.
 * Passwords are encoded as UTF-8, as OpenSSL does; the JDK's own PBES2 reader accepts only ASCII
 * passwords, so a key with a non-ASCII password is readable here and by OpenSSL, not by the JDK.
 *
 * <p>This class guarantees that a loaded key belongs to the certificate beside it and that the
 * certificate is inside its validity period; it does not protect a key from a process that can read
 * the password.
 */
public final class KeyFiles {

  public static final String PRIVATE_KEY_FILE = "private.pem";
  public static final String CERTIFICATE_FILE = "cert.pem";
  public static final String REQUEST_FILE = "csr.pem";

  /** OWASP's figure for PBKDF2-HMAC-SHA256; about 0.3 s per load on this class of machine. */
  static final int PBKDF2_ITERATIONS = 600_000;

  private KeyFiles() {}

  /** Loads the identity in {@code dir}, refusing a certificate outside its validity period. */
  public static Identity load(Path dir, char[] password) throws KeystoreException {
    return load(dir, password, Instant.now());
  }

  static Identity load(Path dir, char[] password, Instant at) throws KeystoreException {
    try {
      Path keyFile = privateKeyFile(dir);
      Path certificateFile = certificateFile(dir);
      if (!Files.exists(keyFile) && !Files.exists(certificateFile)) {
        throw new KeystoreException(
            Reason.MISSING_FILE,
            "no identity in "
                + dir
                + "; run 'keystore init --id ID --dir "
                + dir
                + "' or point to the directory that holds private.pem and cert.pem");
      }
      X509Certificate certificate = readCertificate(certificateFile);
      checkValidity(certificate, at);
      PrivateKey key = decrypt(readEncryptedKey(keyFile), password, keyFile);
      return Identity.create(certificate, key);
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  /**
   * Writes a new identity into {@code dir}, creating the directory owner-only if needed.
   *
   * @throws KeystoreException ALREADY_EXISTS if {@code dir} already holds any identity file
   */
  public static void write(Path dir, GeneratedIdentity generated, char[] password)
      throws KeystoreException {
    try {
      requireNoIdentity(dir);
      if (password.length == 0) {
        throw new KeystoreException(
            Reason.INVALID_ARGUMENT, "an empty password would leave the private key unprotected");
      }
      Identity identity = generated.identity();
      byte[] encryptedKey = encryptedKeyPem(identity.privateKey(), password);
      byte[] certificate = Pem.encode(Pem.CERTIFICATE, identity.certificate().getEncoded());
      byte[] request = Pem.encode(Pem.CERTIFICATE_REQUEST, generated.request().getEncoded());
      AtomicFiles.createDirectories(dir, AtomicFiles.OWNER_ONLY_DIRECTORY);
      AtomicFiles.create(privateKeyFile(dir), encryptedKey, AtomicFiles.OWNER_ONLY);
      AtomicFiles.create(requestFile(dir), request, AtomicFiles.PUBLIC);
      AtomicFiles.create(certificateFile(dir), certificate, AtomicFiles.PUBLIC);
    } catch (FileAlreadyExistsException e) {
      throw alreadyExists(dir);
    } catch (IOException e) {
      throw new KeystoreException(
          Reason.IO, "cannot write the identity to " + dir + ": " + describe(e), e);
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("a generated certificate has no DER encoding", e);
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  /** Refuses a directory that already holds an identity, so that no key is ever overwritten. */
  public static void requireNoIdentity(Path dir) throws KeystoreException {
    for (Path file : new Path[] {privateKeyFile(dir), certificateFile(dir), requestFile(dir)}) {
      if (Files.exists(file)) {
        throw alreadyExists(dir);
      }
    }
  }

  /** The certificate of the identity in {@code dir}, read without the password. */
  public static X509Certificate readIdentityCertificate(Path dir) throws KeystoreException {
    Path file = certificateFile(dir);
    if (!Files.exists(file)) {
      throw new KeystoreException(
          Reason.MISSING_FILE,
          "no identity in "
              + dir
              + " (cert.pem is missing); run 'keystore init --id ID --dir "
              + dir
              + "' first");
    }
    return readCertificate(file);
  }

  /**
   * Reads one PEM certificate ("BEGIN CERTIFICATE"). Latin-1 maps every byte, so a binary (DER)
   * file is reported as "not PEM" rather than as an encoding error.
   */
  public static X509Certificate readCertificate(Path pem) throws KeystoreException {
    PemObject object;
    try (Reader reader = Files.newBufferedReader(pem, StandardCharsets.ISO_8859_1);
        PemReader pemReader = new PemReader(reader)) {
      object = pemReader.readPemObject();
    } catch (NoSuchFileException e) {
      throw new KeystoreException(Reason.MISSING_FILE, pem + " does not exist; check the path", e);
    } catch (IOException e) {
      throw new KeystoreException(
          Reason.CORRUPT_FILE,
          pem + " is not a PEM certificate (" + describe(e) + "); ask its owner for it again",
          e);
    }
    if (object == null || !Pem.CERTIFICATE.equals(object.getType())) {
      throw new KeystoreException(
          Reason.CORRUPT_FILE,
          pem
              + " is not a PEM certificate"
              + (object == null ? "" : " (it holds a " + object.getType() + ")")
              + "; expected '-----BEGIN CERTIFICATE-----' (convert DER with 'openssl x509 -inform"
              + " DER -in FILE -out FILE.pem')");
    }
    try {
      return Certificates.parseDer(object.getContent());
    } catch (CertificateException e) {
      throw new KeystoreException(
          Reason.CORRUPT_FILE,
          pem + " holds a damaged certificate (" + describe(e) + "); ask its owner for it again",
          e);
    }
  }

  public static Path privateKeyFile(Path dir) {
    return dir.resolve(PRIVATE_KEY_FILE);
  }

  public static Path certificateFile(Path dir) {
    return dir.resolve(CERTIFICATE_FILE);
  }

  public static Path requestFile(Path dir) {
    return dir.resolve(REQUEST_FILE);
  }

  private static void checkValidity(X509Certificate certificate, Instant at)
      throws KeystoreException {
    String id = certificate.getSubjectX500Principal().getName();
    if (at.isAfter(certificate.getNotAfter().toInstant())) {
      throw new KeystoreException(
          Reason.EXPIRED,
          "the certificate of "
              + id
              + " expired on "
              + certificate.getNotAfter().toInstant()
              + "; re-key: run 'keystore init' in a new directory and have every peer pin the"
              + " new certificate");
    }
    if (at.isBefore(certificate.getNotBefore().toInstant())) {
      throw new KeystoreException(
          Reason.EXPIRED,
          "the certificate of "
              + id
              + " is not valid before "
              + certificate.getNotBefore().toInstant()
              + "; check this machine's clock");
    }
  }

  private static PKCS8EncryptedPrivateKeyInfo readEncryptedKey(Path file) throws KeystoreException {
    Object object;
    try (PEMParser parser =
        new PEMParser(Files.newBufferedReader(file, StandardCharsets.ISO_8859_1))) {
      object = parser.readObject();
    } catch (NoSuchFileException e) {
      throw new KeystoreException(
          Reason.MISSING_FILE,
          file + " is missing; restore it from the backup (the certificate alone cannot sign)",
          e);
    } catch (IOException | RuntimeException e) {
      // PEMParser reports malformed base64 and DER as runtime exceptions as well.
      throw corruptKey(file, e);
    }
    if (object instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
      return encrypted;
    }
    if (object instanceof PrivateKeyInfo || object instanceof PEMKeyPair) {
      throw new KeystoreException(
          Reason.CORRUPT_FILE,
          file
              + " holds an unencrypted private key; encrypt it with 'openssl pkcs8 -topk8 -v2"
              + " aes-256-cbc -v2prf hmacWithSHA256 -iter 600000' or create a new identity");
    }
    throw corruptKey(file, null);
  }

  private static KeystoreException corruptKey(Path file, Exception cause) {
    return new KeystoreException(
        Reason.CORRUPT_FILE,
        file
            + " is not an encrypted PKCS#8 PEM key"
            + (cause == null ? "" : " (" + describe(cause) + ")")
            + "; restore it from the backup",
        cause);
  }

  private static PrivateKey decrypt(
      PKCS8EncryptedPrivateKeyInfo encrypted, char[] password, Path file) throws KeystoreException {
    PrivateKeyInfo info;
    try {
      info =
          encrypted.decryptPrivateKeyInfo(
              new JceOpenSSLPKCS8DecryptorProviderBuilder()
                  .setProvider(Providers.bouncyCastle())
                  .build(password));
    } catch (Exception e) {
      // CBC padding fails for almost every wrong password; the rare wrong password whose padding
      // happens to check out yields bytes that are not a PrivateKeyInfo. Both mean the same.
      throw wrongPassword(file, e);
    }
    if (!PKCSObjectIdentifiers.rsaEncryption.equals(info.getPrivateKeyAlgorithm().getAlgorithm())) {
      throw new KeystoreException(
          Reason.CORRUPT_FILE, file + " holds a key that is not RSA; Outpost uses RSA keys only");
    }
    byte[] der = null;
    try {
      der = info.getEncoded();
      // The JDK's RSA key: Bouncy Castle is only needed to decrypt the file, not to use the key.
      return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (IOException | GeneralSecurityException e) {
      throw wrongPassword(file, e);
    } finally {
      if (der != null) {
        Arrays.fill(der, (byte) 0);
      }
    }
  }

  private static KeystoreException wrongPassword(Path file, Exception cause) {
    return new KeystoreException(
        Reason.WRONG_PASSWORD,
        "the password does not decrypt "
            + file
            + "; check it (a password file's first line, or OUTPOST_PASSWORD) and try again",
        cause);
  }

  private static byte[] encryptedKeyPem(PrivateKey key, char[] password) {
    try {
      OutputEncryptor encryptor =
          new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
              .setPRF(PKCS8Generator.PRF_HMACSHA256)
              .setIterationCount(PBKDF2_ITERATIONS)
              .setProvider(Providers.bouncyCastle())
              .setPassword(password)
              .build();
      return Pem.encode(new JcaPKCS8Generator(key, encryptor).generate());
    } catch (OperatorCreationException | PemGenerationException e) {
      throw new IllegalStateException("Bouncy Castle cannot encrypt a PKCS#8 key", e);
    }
  }

  private static KeystoreException alreadyExists(Path dir) {
    return new KeystoreException(
        Reason.ALREADY_EXISTS,
        dir
            + " already holds an identity; Outpost never overwrites a key: choose another"
            + " directory, or move the old one away first");
  }

  private static String describe(Exception e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
