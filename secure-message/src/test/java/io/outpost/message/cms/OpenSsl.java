package io.outpost.message.cms;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;

/** Runs the {@code openssl} binary and writes the PEM files it reads. */
final class OpenSsl {

  /** Fewer PBKDF2 iterations than production keys: these keys live for one test. */
  private static final int TEST_ITERATIONS = 2048;

  /**
   * Bouncy Castle's PEM encryptor asks for "AES/CBC/PKCS7Padding", a name only Bouncy Castle knows;
   * the provider is handed over directly, never registered globally.
   */
  private static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();

  private OpenSsl() {}

  /** The exit code and the merged output (with the command line, for assertion messages). */
  record Result(int exitCode, String output) {}

  static boolean available() {
    try {
      return run(Path.of("."), "version").exitCode() == 0;
    } catch (IOException e) {
      return false;
    }
  }

  /** Runs {@code openssl args...} in {@code dir}, with stderr merged into the output. */
  static Result run(Path dir, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add("openssl");
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException("openssl did not finish within 60 s: " + command);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for openssl", e);
    }
    return new Result(process.exitValue(), String.join(" ", command) + "\n" + output);
  }

  static void writeCertificate(Path file, X509Certificate certificate) throws IOException {
    Files.writeString(file, pem(certificate), StandardCharsets.US_ASCII);
  }

  /** Encrypted PKCS#8 PEM (PBKDF2-HMAC-SHA256, AES-256-CBC), owner-only. */
  static void writeEncryptedKey(Path file, PrivateKey key, char[] password) throws Exception {
    JcaPKCS8Generator generator =
        new JcaPKCS8Generator(
            key,
            new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
                .setPRF(PKCS8Generator.PRF_HMACSHA256)
                .setIterationCount(TEST_ITERATIONS)
                .setPassword(password)
                .setProvider(BOUNCY_CASTLE)
                .build());
    writeOwnerOnly(file, pem(generator.generate()));
  }

  static void writePassword(Path file, char[] password) throws IOException {
    writeOwnerOnly(file, new String(password) + "\n");
  }

  private static void writeOwnerOnly(Path file, String content) throws IOException {
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, content, StandardCharsets.US_ASCII);
  }

  private static String pem(Object object) throws IOException {
    Writer text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      writer.writeObject(object);
    }
    return text.toString();
  }
}
