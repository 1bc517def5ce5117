package io.outpost.keystore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.outpost.keystore.IdentityGenerator.GeneratedIdentity;
import io.outpost.keystore.KeystoreException.Reason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.KeyDerivationFunc;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.util.io.pem.PemReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFilesTest {

  private static final String PASSWORD = "correct horse battery staple";

  private static GeneratedIdentity generated;
  private static Path written;

  @TempDir Path dir;

  /** Key generation and the 600,000-iteration derivation are slow: one identity, written once. */
  @BeforeAll
  static void writeOnce(@TempDir Path shared) throws KeystoreException {
    Instant now = Instant.now();
    generated =
        new IdentityGenerator()
            .generate(
                "outlet-007",
                TestIdentities.TEST_BITS,
                now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(365)));
    written = shared.resolve("outlet-007");
    KeyFiles.write(written, generated, password());
  }

  @Test
  void load_rightPassword_returnsTheWrittenIdentityAndClearsThePassword() throws Exception {
    char[] password = password();

    Identity loaded = KeyFiles.load(written, password);

    assertThat(loaded.id()).isEqualTo("outlet-007");
    assertThat(loaded.certificate()).isEqualTo(generated.identity().certificate());
    assertThat(loaded.privateKey().getEncoded())
        .isEqualTo(generated.identity().privateKey().getEncoded());
    assertThat(loaded.privateKey()).isInstanceOf(RSAPrivateCrtKey.class);
    assertThat(password).containsOnly('\0');
  }

  @Test
  void load_wrongPassword_throwsWrongPasswordAndClearsThePassword() throws IOException {
    copyOfWritten();
    char[] wrong = "correct horse battery stable".toCharArray();

    assertThatThrownBy(() -> KeyFiles.load(dir, wrong))
        .isInstanceOfSatisfying(
            KeystoreException.class, e -> assertThat(e.reason()).isEqualTo(Reason.WRONG_PASSWORD))
        .hasMessageContaining("private.pem")
        .hasMessageNotContaining("correct");
    assertThat(wrong).containsOnly('\0');
  }

  @Test
  void write_privateKey_isOwnerOnlyInAnOwnerOnlyDirectory() throws Exception {
    Path identity = dir.resolve("new/outlet-007");

    KeyFiles.write(identity, generated, password());

    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(KeyFiles.privateKeyFile(identity))))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(identity)))
        .isEqualTo("rwx------");
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(KeyFiles.certificateFile(identity))))
        .isEqualTo("rw-r--r--");
    try (var files = Files.list(identity)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .as("no temporary file is left behind")
          .containsExactlyInAnyOrder("private.pem", "cert.pem", "csr.pem");
    }
  }

  @Test
  void write_clearsThePassword() throws KeystoreException {
    char[] password = password();

    KeyFiles.write(dir.resolve("id"), generated, password);

    assertThat(password).containsOnly('\0');
  }

  @Test
  void write_privateKey_isPbes2WithPbkdf2HmacSha256At600000IterationsAndAes256Cbc()
      throws Exception {
    byte[] der = pem(KeyFiles.privateKeyFile(written), "ENCRYPTED PRIVATE KEY");

    org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo info =
        org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo.getInstance(der);
    assertThat(info.getEncryptionAlgorithm().getAlgorithm())
        .isEqualTo(PKCSObjectIdentifiers.id_PBES2);
    PBES2Parameters pbes2 =
        PBES2Parameters.getInstance(info.getEncryptionAlgorithm().getParameters());
    KeyDerivationFunc kdf = pbes2.getKeyDerivationFunc();
    assertThat(kdf.getAlgorithm()).isEqualTo(PKCSObjectIdentifiers.id_PBKDF2);
    PBKDF2Params pbkdf2 = PBKDF2Params.getInstance(kdf.getParameters());
    assertThat(pbkdf2.getIterationCount().intValueExact()).isEqualTo(600_000);
    assertThat(pbkdf2.getPrf().getAlgorithm()).isEqualTo(PKCSObjectIdentifiers.id_hmacWithSHA256);
    assertThat(pbkdf2.getSalt()).hasSizeGreaterThanOrEqualTo(16);
    assertThat(pbes2.getEncryptionScheme().getAlgorithm())
        .isEqualTo(NISTObjectIdentifiers.id_aes256_CBC);
  }

  @Test
  void write_privateKey_isReadableByTheJdkAlone() throws Exception {
    EncryptedPrivateKeyInfo info =
        new EncryptedPrivateKeyInfo(pem(KeyFiles.privateKeyFile(written), "ENCRYPTED PRIVATE KEY"));
    String algorithm = info.getAlgParameters().toString();
    Cipher cipher = Cipher.getInstance(algorithm);
    cipher.init(
        Cipher.DECRYPT_MODE,
        SecretKeyFactory.getInstance(algorithm).generateSecret(new PBEKeySpec(password())),
        info.getAlgParameters());

    PKCS8EncodedKeySpec spec = info.getKeySpec(cipher);

    assertThat(algorithm).isEqualTo("PBEWithHmacSHA256AndAES_256");
    assertThat(KeyFactory.getInstance("RSA").generatePrivate(spec).getEncoded())
        .isEqualTo(generated.identity().privateKey().getEncoded());
  }

  /** A non-ASCII password shows that Bouncy Castle and OpenSSL both derive from UTF-8 bytes. */
  @Test
  void write_privateKey_isReadableByOpenssl() throws Exception {
    assumeThat(opensslAvailable()).as("openssl on the PATH").isTrue();
    String password = "pässwörd für €uro";
    Path passwordFile = dir.resolve("pw");
    Files.writeString(passwordFile, password + "\n", StandardCharsets.UTF_8);
    KeyFiles.write(dir.resolve("id"), generated, password.toCharArray());
    Path key = KeyFiles.privateKeyFile(dir.resolve("id"));

    Process check =
        openssl("pkey", "-in", key.toString(), "-passin", "file:" + passwordFile, "-noout");
    Process parse = openssl("asn1parse", "-in", key.toString());

    assertThat(check.exitValue()).as(output(check)).isZero();
    assertThat(parse.exitValue()).isZero();
    assertThat(output(parse))
        .contains(":PBES2", ":PBKDF2", ":hmacWithSHA256", ":aes-256-cbc")
        .contains("INTEGER           :0927C0"); // 600,000
    Process wrong =
        openssl("pkey", "-in", key.toString(), "-passin", "pass:not the password", "-noout");
    assertThat(wrong.exitValue()).isNotZero();
  }

  @Test
  void write_existingIdentity_throwsAlreadyExistsAndKeepsTheKey() throws Exception {
    copyOfWritten();
    byte[] before = Files.readAllBytes(KeyFiles.privateKeyFile(dir));

    assertThatThrownBy(() -> KeyFiles.write(dir, generated, password()))
        .isInstanceOfSatisfying(
            KeystoreException.class, e -> assertThat(e.reason()).isEqualTo(Reason.ALREADY_EXISTS));
    assertThat(Files.readAllBytes(KeyFiles.privateKeyFile(dir))).isEqualTo(before);
  }

  @Test
  void write_anyIdentityFilePresent_throwsAlreadyExists() throws Exception {
    Files.writeString(KeyFiles.requestFile(dir), "left over");

    assertThatThrownBy(() -> KeyFiles.write(dir, generated, password()))
        .isInstanceOfSatisfying(
            KeystoreException.class, e -> assertThat(e.reason()).isEqualTo(Reason.ALREADY_EXISTS));
    assertThat(KeyFiles.privateKeyFile(dir)).doesNotExist();
  }

  @Test
  void write_emptyPassword_throwsInvalidArgument() {
    assertThatThrownBy(() -> KeyFiles.write(dir, generated, new char[0]))
        .isInstanceOfSatisfying(
            KeystoreException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_ARGUMENT));
    assertThat(KeyFiles.privateKeyFile(dir)).doesNotExist();
  }

  @Test
  void load_emptyDirectory_throwsMissingFileWithAdvice() {
    assertThatThrownBy(() -> KeyFiles.load(dir, password()))
        .isInstanceOfSatisfying(
            KeystoreException.class, e -> assertThat(e.reason()).isEqualTo(Reason.MISSING_FILE))
        .hasMessageContaining("keystore init");
  }

  @Test
  void load_missingPrivateKey_throwsMissingFile() throws IOException {
    copyOfWritten();
    Files.delete(KeyFiles.privateKeyFile(dir));

    assertThatThrownBy(() -> KeyFiles.load(dir, password()))
        .isInstanceOfSatisfying(
            KeystoreException.class, e -> assertThat(e.reason()).isEqualTo(Reason.MISSING_FILE))
        .hasMessageContaining("private.pem");
  }

  @Test
  void load_missingCertificate_throwsMissingFile() throws IOException {
    copyOfWritten();
    Files.delete(KeyFiles.certificateFile(dir));

    assertThatThrownBy(() -> KeyFiles.load(dir, password()))
        .isInstanceOfSatisfying(
            KeystoreException.class, e -> assertThat(e.reason()).isEqualTo(Reason.MISSING_FILE))
        .hasMessageContaining("cert.pem");
  }

  @Test
  void load_corruptFiles_throwCorruptFile() throws IOException {
    List<String> keys =
        List.of(
            "not a key at all\n",
            TestPem.brokenPrivateKey("!!!!"),
            TestPem.brokenPrivateKey("MAMCAQA="),
            "-----BEGIN CERTIFICATE-----\nMAMCAQA=\n-----END CERTIFICATE-----\n");
    for (String key : keys) {
      copyOfWritten();
      Files.writeString(KeyFiles.privateKeyFile(dir), key);

      assertThatThrownBy(() -> KeyFiles.load(dir, password()))
          .as(key)
          .isInstanceOfSatisfying(
              KeystoreException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CORRUPT_FILE))
          .hasMessageContaining("private.pem");
    }
  }

  @Test
  void load_unencryptedPrivateKey_throwsCorruptFileSayingSo() throws IOException {
    copyOfWritten();
    Files.write(
        KeyFiles.privateKeyFile(dir),
        Pem.encode("PRIVATE KEY", generated.identity().privateKey().getEncoded()));

    assertThatThrownBy(() -> KeyFiles.load(dir, password()))
        .isInstanceOfSatisfying(
            KeystoreException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CORRUPT_FILE))
        .hasMessageContaining("unencrypted");
  }

  @Test
  void load_corruptCertificate_throwsCorruptFile() throws IOException {
    copyOfWritten();
    Files.writeString(
        KeyFiles.certificateFile(dir),
        "-----BEGIN CERTIFICATE-----\nMAMCAQA=\n-----END CERTIFICATE-----\n");

    assertThatThrownBy(() -> KeyFiles.load(dir, password()))
        .isInstanceOfSatisfying(
            KeystoreException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CORRUPT_FILE))
        .hasMessageContaining("cert.pem");
  }

  @Test
  void load_keyOfAnotherIdentity_throwsCorruptFile() throws Exception {
    copyOfWritten();
    Identity other = TestIdentities.of("outlet-007");
    Files.write(
        KeyFiles.certificateFile(dir),
        Pem.encode(Pem.CERTIFICATE, other.certificate().getEncoded()));

    assertThatThrownBy(() -> KeyFiles.load(dir, password()))
        .isInstanceOfSatisfying(
            KeystoreException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CORRUPT_FILE))
        .hasMessageContaining("does not belong");
  }

  @Test
  void load_afterTheCertificateExpired_throwsExpiredWithReKeyAdvice() {
    Instant later = generated.identity().certificate().getNotAfter().toInstant().plusSeconds(1);

    assertThatThrownBy(() -> KeyFiles.load(written, password(), later))
        .isInstanceOfSatisfying(
            KeystoreException.class, e -> assertThat(e.reason()).isEqualTo(Reason.EXPIRED))
        .hasMessageContaining("expired")
        .hasMessageContaining("re-key");
  }

  @Test
  void load_beforeTheCertificateIsValid_throwsExpired() {
    Instant earlier = generated.identity().certificate().getNotBefore().toInstant().minusSeconds(1);

    assertThatThrownBy(() -> KeyFiles.load(written, password(), earlier))
        .isInstanceOfSatisfying(
            KeystoreException.class, e -> assertThat(e.reason()).isEqualTo(Reason.EXPIRED))
        .hasMessageContaining("clock");
  }

  @Test
  void readIdentityCertificate_needsNoPassword() throws KeystoreException {
    assertThat(KeyFiles.readIdentityCertificate(written))
        .isEqualTo(generated.identity().certificate());
  }

  @Test
  void readIdentityCertificate_noIdentity_throwsMissingFile() {
    assertThatThrownBy(() -> KeyFiles.readIdentityCertificate(dir))
        .isInstanceOfSatisfying(
            KeystoreException.class, e -> assertThat(e.reason()).isEqualTo(Reason.MISSING_FILE));
  }

  @Test
  void readCertificate_derFile_throwsCorruptFileWithConversionAdvice() throws Exception {
    Path der = dir.resolve("cert.der");
    Files.write(der, generated.identity().certificate().getEncoded());

    assertThatThrownBy(() -> KeyFiles.readCertificate(der))
        .isInstanceOfSatisfying(
            KeystoreException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CORRUPT_FILE))
        .hasMessageContaining("openssl x509 -inform DER");
  }

  @Test
  void readCertificate_otherPemType_throwsCorruptFileNamingIt() {
    assertThatThrownBy(() -> KeyFiles.readCertificate(KeyFiles.requestFile(written)))
        .isInstanceOfSatisfying(
            KeystoreException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CORRUPT_FILE))
        .hasMessageContaining("CERTIFICATE REQUEST");
  }

  @Test
  void readCertificate_missingFile_throwsMissingFile() {
    assertThatThrownBy(() -> KeyFiles.readCertificate(dir.resolve("absent.pem")))
        .isInstanceOfSatisfying(
            KeystoreException.class, e -> assertThat(e.reason()).isEqualTo(Reason.MISSING_FILE));
  }

  private static char[] password() {
    return PASSWORD.toCharArray();
  }

  private void copyOfWritten() throws IOException {
    for (String name : List.of("private.pem", "cert.pem", "csr.pem")) {
      Files.copy(
          written.resolve(name),
          dir.resolve(name),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static byte[] pem(Path file, String type) throws IOException {
    try (PemReader reader = new PemReader(Files.newBufferedReader(file))) {
      var object = reader.readPemObject();
      assertThat(object.getType()).isEqualTo(type);
      return object.getContent();
    }
  }

  private static boolean opensslAvailable() {
    try {
      return openssl("version").exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  private static Process openssl(String... args) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of("openssl"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getOutputStream().close();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException("openssl did not finish: " + command);
    }
    return process;
  }

  private static String output(Process process) throws IOException {
    return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }
}
