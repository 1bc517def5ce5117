package io.outpost.keystore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.keystore.Certificates;
import io.outpost.keystore.Identity;
import io.outpost.keystore.KeyFiles;
import io.outpost.keystore.TestPem;
import io.outpost.keystore.PinnedCertificate;
import io.outpost.keystore.TestIdentities;
import io.outpost.keystore.TrustDirectory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeystoreCliTest {

  private static final String PASSWORD = "a long enough password";
  private static final Map<String, String> WITH_PASSWORD = Map.of("OUTPOST_PASSWORD", PASSWORD);
  private static final Map<String, String> NO_PASSWORD = Map.of();
  private static final String BITS = String.valueOf(TestIdentities.TEST_BITS);

  @TempDir Path dir;

  @Test
  void help_printsTheCommandsAndExitCodes() {
    Result result = run("", NO_PASSWORD, "--help");

    assertThat(result.code).isZero();
    assertThat(result.out)
        .contains("init", "trust", "show", "revoke", "fingerprint")
        .contains("Exit codes", "usage error");
    assertThat(result.err).isEmpty();
  }

  @Test
  void commandHelp_printsTheCommandsOptions() {
    Result result = run("", NO_PASSWORD, "init", "--help");

    assertThat(result.code).isZero();
    assertThat(result.out).contains("--id", "--dir", "--bits", "--days", "--password-file");
  }

  @Test
  void version_printsAVersion() {
    Result result = run("", NO_PASSWORD, "--version");

    assertThat(result.code).isZero();
    assertThat(result.out).startsWith("keystore ");
  }

  @Test
  void usageErrors_exitTwoWithOneMessageAndAHint() {
    List<List<String>> usages =
        List.of(
            List.of(),
            List.of("rekey"),
            List.of("show"),
            List.of("show", "--dir", dir.toString(), "--verbose"),
            List.of("init", "--dir", dir.toString()),
            List.of("init", "--id", "Outlet 1", "--dir", dir.toString()),
            List.of("init", "--id", "outlet-001", "--dir", dir.toString(), "--bits", "1024"),
            List.of("init", "--id", "outlet-001", "--dir", dir.toString(), "--bits", "many"),
            List.of("init", "--id", "outlet-001", "--dir", dir.toString(), "--days", "0"),
            List.of("init", "--id", "outlet-001", "--dir", dir.toString(), "--password", "x"),
            List.of("trust", "--dir", dir.toString(), "--cert", "x.pem", "--fingerprint", "abc"),
            List.of("revoke", "--dir", dir.toString(), "--id", "../etc"),
            List.of("fingerprint"));
    for (List<String> args : usages) {
      Result result = run("", WITH_PASSWORD, args.toArray(String[]::new));

      assertThat(result.code).as(args.toString()).isEqualTo(2);
      assertThat(result.err).as(args.toString()).startsWith("keystore: ").contains("--help");
      assertThat(result.err.lines()).as(args.toString()).hasSize(2);
    }
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void init_withDefaults_writesA3072BitIdentityAndPrintsItsFingerprint() throws Exception {
    Path identity = dir.resolve("outlet-001");

    Result result =
        run("", WITH_PASSWORD, "init", "--id", "outlet-001", "--dir", identity.toString());

    assertThat(result.code).as(result.err).isZero();
    X509Certificate certificate = KeyFiles.readIdentityCertificate(identity);
    assertThat(((RSAPublicKey) certificate.getPublicKey()).getModulus().bitLength())
        .isEqualTo(3072);
    assertThat(Duration.between(Instant.now(), certificate.getNotAfter().toInstant()).toDays())
        .isBetween(729L, 730L);
    assertThat(result.out)
        .contains(Certificates.displayFingerprint(Certificates.fingerprint(certificate)))
        .contains(KeyFiles.privateKeyFile(identity).toString())
        .contains(KeyFiles.certificateFile(identity).toString())
        .contains(KeyFiles.requestFile(identity).toString())
        .doesNotContain(PASSWORD);
    assertThat(result.err).isEmpty();
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(KeyFiles.privateKeyFile(identity))))
        .isEqualTo("rw-------");
  }

  @Test
  void init_passwordTypedTwice_writesAKeyThatThisPasswordOpens() throws Exception {
    Result result =
        run(
            PASSWORD + "\n" + PASSWORD + "\n",
            NO_PASSWORD,
            "init",
            "--id",
            "hq",
            "--dir",
            dir.toString(),
            "--bits",
            BITS,
            "--days",
            "30");

    assertThat(result.code).as(result.err).isZero();
    assertThat(result.err).contains("New password", "Repeat").doesNotContain(PASSWORD);
    Identity loaded = KeyFiles.load(dir, PASSWORD.toCharArray());
    assertThat(loaded.id()).isEqualTo("hq");
  }

  @Test
  void init_passwordFile_isUsed() throws Exception {
    Path passwordFile = dir.resolve("pw");
    Files.writeString(passwordFile, PASSWORD + "\n");
    Path identity = dir.resolve("id");

    Result result =
        run(
            "",
            NO_PASSWORD,
            "init",
            "--id",
            "hq",
            "--dir",
            identity.toString(),
            "--bits",
            BITS,
            "--password-file",
            passwordFile.toString());

    assertThat(result.code).as(result.err).isZero();
    assertThat(KeyFiles.privateKeyFile(identity)).isRegularFile();
  }

  @Test
  void init_typedPasswordsDiffer_failsAndWritesNothing() {
    Result result =
        run(
            PASSWORD + "\n" + PASSWORD + "!\n",
            NO_PASSWORD,
            "init",
            "--id",
            "hq",
            "--dir",
            dir.resolve("id").toString(),
            "--bits",
            BITS);

    assertThat(result.code).isEqualTo(1);
    assertThat(lastLine(result.err))
        .isEqualTo("keystore: the two passwords differ; run the command again");
    assertThat(dir.resolve("id")).doesNotExist();
  }

  @Test
  void init_noPasswordTyped_failsWithNoPassword() {
    Result result =
        run(
            "",
            NO_PASSWORD,
            "init",
            "--id",
            "hq",
            "--dir",
            dir.resolve("id").toString(),
            "--bits",
            BITS);

    assertThat(result.code).isEqualTo(1);
    assertThat(lastLine(result.err)).startsWith("keystore: no password");
    assertThat(dir.resolve("id")).doesNotExist();
  }

  @Test
  void init_existingIdentity_failsBeforeAskingForAPassword() throws Exception {
    Files.writeString(KeyFiles.certificateFile(dir), "an older identity");

    Result result =
        run(
            PASSWORD + "\n" + PASSWORD + "\n",
            NO_PASSWORD,
            "init",
            "--id",
            "hq",
            "--dir",
            dir.toString(),
            "--bits",
            BITS);

    assertThat(result.code).isEqualTo(1);
    assertThat(result.err.lines())
        .singleElement()
        .asString()
        .startsWith("keystore: ")
        .contains("already holds an identity");
    assertThat(Files.readString(KeyFiles.certificateFile(dir))).isEqualTo("an older identity");
  }

  @Test
  void trust_matchingFingerprint_pinsThePeer() throws Exception {
    Identity hq = TestIdentities.of("hq");
    Path pem = writePem(dir.resolve("hq.pem"), hq.certificate());
    Path outlet = dir.resolve("outlet");

    Result result =
        run(
            "",
            NO_PASSWORD,
            "trust",
            "--dir",
            outlet.toString(),
            "--cert",
            pem.toString(),
            "--fingerprint",
            Certificates.displayFingerprint(hq.fingerprint()));

    assertThat(result.code).as(result.err).isZero();
    assertThat(result.out).contains("Pinned hq", Certificates.displayFingerprint(hq.fingerprint()));
    assertThat(TrustDirectory.load(outlet).encryptionCertificate("hq", Instant.now()))
        .contains(hq.certificate());
  }

  @Test
  void trust_secondCertificate_saysTheNewestEncrypts() throws Exception {
    Instant now = Instant.now();
    Identity old =
        TestIdentities.valid("hq", now.minus(Duration.ofDays(200)), now.plus(Duration.ofDays(90)));
    Identity current = TestIdentities.of("hq");
    TrustDirectory.pin(dir, old.certificate(), old.fingerprint());
    Path pem = writePem(dir.resolve("hq.pem"), current.certificate());

    Result result =
        run(
            "",
            NO_PASSWORD,
            "trust",
            "--dir",
            dir.toString(),
            "--cert",
            pem.toString(),
            "--fingerprint",
            current.fingerprint());

    assertThat(result.code).as(result.err).isZero();
    assertThat(result.out)
        .contains(
            "2 active certificates",
            Certificates.displayFingerprint(current.fingerprint()).substring(0, 9));
  }

  @Test
  void trust_fingerprintMismatch_failsShowingBothFingerprints() throws Exception {
    Identity hq = TestIdentities.of("hq");
    String other = TestIdentities.of("outlet-001").fingerprint();
    Path pem = writePem(dir.resolve("hq.pem"), hq.certificate());

    Result result =
        run(
            "",
            NO_PASSWORD,
            "trust",
            "--dir",
            dir.toString(),
            "--cert",
            pem.toString(),
            "--fingerprint",
            other);

    assertThat(result.code).isEqualTo(1);
    assertThat(result.err.lines())
        .singleElement()
        .asString()
        .startsWith("keystore: fingerprint mismatch")
        .contains(
            Certificates.displayFingerprint(other),
            Certificates.displayFingerprint(hq.fingerprint()));
    assertThat(dir.resolve("trusted")).doesNotExist();
  }

  @Test
  void trust_missingCertificateFile_failsNamingIt() {
    Path absent = dir.resolve("absent.pem");

    Result result =
        run(
            "",
            NO_PASSWORD,
            "trust",
            "--dir",
            dir.toString(),
            "--cert",
            absent.toString(),
            "--fingerprint",
            "00".repeat(32));

    assertThat(result.code).isEqualTo(1);
    assertThat(result.err.lines())
        .singleElement()
        .asString()
        .contains(absent.toString(), "does not exist");
  }

  @Test
  void show_listsTheIdentityAndEachPinWithItsStatus() throws Exception {
    Identity own = TestIdentities.of("outlet-001");
    writePem(KeyFiles.certificateFile(dir), own.certificate());
    Identity hq = TestIdentities.of("hq");
    Identity revoked = TestIdentities.of("outlet-002");
    TrustDirectory.pin(dir, hq.certificate(), hq.fingerprint());
    TrustDirectory.pin(dir, revoked.certificate(), revoked.fingerprint());
    TrustDirectory.revoke(dir, "outlet-002");

    Result result = run("", NO_PASSWORD, "show", "--dir", dir.toString());

    assertThat(result.code).as(result.err).isZero();
    assertThat(result.out)
        .contains("Identity  outlet-001", Certificates.displayFingerprint(own.fingerprint()))
        .contains("  hq  active, encrypts", Certificates.displayFingerprint(hq.fingerprint()))
        .contains("  outlet-002  revoked", Certificates.displayFingerprint(revoked.fingerprint()))
        .doesNotContain("warning");
  }

  @Test
  void show_expiringAndExpiredCertificates_warn() throws Exception {
    Instant now = Instant.now();
    Identity own =
        TestIdentities.valid(
            "outlet-001", now.minus(Duration.ofDays(700)), now.plus(Duration.ofDays(10)));
    writePem(KeyFiles.certificateFile(dir), own.certificate());
    Identity expired =
        TestIdentities.valid("hq", now.minus(Duration.ofDays(700)), now.minus(Duration.ofDays(2)));
    // Pinned while it was valid: written as TrustDirectory lays it out.
    writePem(
        Files.createDirectories(dir.resolve("trusted/hq")).resolve(expired.fingerprint() + ".pem"),
        expired.certificate());

    Result result = run("", NO_PASSWORD, "show", "--dir", dir.toString());

    assertThat(result.code).as(result.err).isZero();
    assertThat(result.out.lines().filter(l -> l.startsWith("warning: ")))
        .satisfiesExactlyInAnyOrder(
            line -> assertThat(line).contains("outlet-001", "expires in 10 days", "re-key"),
            line -> assertThat(line).contains("hq", "expired on"));
  }

  @Test
  void show_noIdentityYet_saysHowToCreateOne() throws Exception {
    Result result = run("", NO_PASSWORD, "show", "--dir", dir.toString());

    assertThat(result.code).isZero();
    assertThat(result.out).contains("Identity  none", "keystore init", "Pinned peers: none");
  }

  @Test
  void show_missingDirectory_fails() {
    Result result = run("", NO_PASSWORD, "show", "--dir", dir.resolve("absent").toString());

    assertThat(result.code).isEqualTo(1);
    assertThat(result.err.lines()).singleElement().asString().contains("does not exist");
  }

  @Test
  void revoke_pinnedPeer_marksItRevoked() throws Exception {
    Identity outlet = TestIdentities.of("outlet-001");
    TrustDirectory.pin(dir, outlet.certificate(), outlet.fingerprint());

    Result result = run("", NO_PASSWORD, "revoke", "--dir", dir.toString(), "--id", "outlet-001");

    assertThat(result.code).as(result.err).isZero();
    assertThat(result.out).contains("Revoked outlet-001");
    assertThat(TrustDirectory.load(dir).pinned("outlet-001"))
        .singleElement()
        .matches(PinnedCertificate::revoked);
  }

  @Test
  void revoke_oneFingerprint_leavesTheOtherCertificate() throws Exception {
    Instant now = Instant.now();
    Identity old =
        TestIdentities.valid(
            "outlet-001", now.minus(Duration.ofDays(200)), now.plus(Duration.ofDays(90)));
    Identity current = TestIdentities.of("outlet-001");
    TrustDirectory.pin(dir, old.certificate(), old.fingerprint());
    TrustDirectory.pin(dir, current.certificate(), current.fingerprint());

    Result result =
        run(
            "",
            NO_PASSWORD,
            "revoke",
            "--dir",
            dir.toString(),
            "--id",
            "outlet-001",
            "--fingerprint",
            old.fingerprint());

    assertThat(result.code).as(result.err).isZero();
    assertThat(TrustDirectory.load(dir).encryptionCertificate("outlet-001", now))
        .contains(current.certificate());
    assertThat(TrustDirectory.load(dir).find(old.certificate()))
        .hasValueSatisfying(p -> assertThat(p.revoked()).isTrue());
  }

  @Test
  void revoke_unknownPeer_fails() {
    Result result = run("", NO_PASSWORD, "revoke", "--dir", dir.toString(), "--id", "outlet-404");

    assertThat(result.code).isEqualTo(1);
    assertThat(result.err.lines())
        .singleElement()
        .asString()
        .contains("outlet-404", "keystore show");
  }

  @Test
  void fingerprint_printsTheGroupedSha256() throws Exception {
    Identity hq = TestIdentities.of("hq");
    Path pem = writePem(dir.resolve("hq.pem"), hq.certificate());

    Result result = run("", NO_PASSWORD, "fingerprint", "--cert", pem.toString());

    assertThat(result.code).isZero();
    assertThat(result.out)
        .contains("CN=hq")
        .contains("SHA-256  " + Certificates.displayFingerprint(hq.fingerprint()));
  }

  @Test
  void fingerprint_hex_printsOnlyTheDigitsThatTrustAccepts() throws Exception {
    Identity hq = TestIdentities.of("hq");
    Path pem = writePem(dir.resolve("hq.pem"), hq.certificate());

    Result result = run("", NO_PASSWORD, "fingerprint", "--cert", pem.toString(), "--hex");

    assertThat(result.code).isZero();
    assertThat(result.out.strip()).isEqualTo(hq.fingerprint());
  }

  @Test
  void fingerprint_notACertificate_failsWithOneLine() throws Exception {
    Path key = dir.resolve("private.pem");
    Files.writeString(
        key,
        TestPem.brokenPrivateKey("MAMCAQA="));

    Result result = run("", NO_PASSWORD, "fingerprint", "--cert", key.toString());

    assertThat(result.code).isEqualTo(1);
    assertThat(result.err.lines())
        .singleElement()
        .asString()
        .contains("not a PEM certificate", "ENCRYPTED PRIVATE KEY");
    assertThat(result.out).isEmpty();
  }

  private static Result run(String stdin, Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        KeystoreCli.run(
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            env,
            args);
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** The password prompts come first on stderr when the password is typed. */
  private static String lastLine(String text) {
    List<String> lines = text.lines().toList();
    String last = lines.get(lines.size() - 1);
    int afterPrompt = last.indexOf("keystore: ");
    return afterPrompt < 0 ? last : last.substring(afterPrompt);
  }

  static Path writePem(Path file, X509Certificate certificate)
      throws IOException, CertificateEncodingException {
    String base64 =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(certificate.getEncoded());
    Files.writeString(
        file, "-----BEGIN CERTIFICATE-----\n" + base64 + "\n-----END CERTIFICATE-----\n");
    return file;
  }

  private record Result(int code, String out, String err) {}
}
