package io.outpost.message.cms;

import static io.outpost.message.cms.Parties.HQ;
import static io.outpost.message.cms.Parties.OUTLET;
import static io.outpost.message.cms.Parties.closing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.outpost.message.SecureMessageException.Reason;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both directions against the {@code openssl} binary (3.0), with the commands recorded in
 * CRYPTO-NOTES.md: each layer's output feeds the next command with no conversion in between.
 */
class OpenSslInteropTest {

  private static final char[] PASSWORD = "correct horse battery staple".toCharArray();
  private static final String AUTH_ENVELOPED_DATA = "1.2.840.113549.1.9.16.1.23";
  private static final String PSS =
      " -keyopt rsa_padding_mode:pss -keyopt rsa_pss_saltlen:32 -keyopt rsa_mgf1_md:sha256";
  private static final String OAEP =
      " -keyopt rsa_padding_mode:oaep -keyopt rsa_oaep_md:sha256 -keyopt rsa_mgf1_md:sha256";

  @TempDir Path dir;

  @BeforeAll
  static void requireOpenSsl() {
    assumeTrue(OpenSsl.available(), "the openssl binary is not on the PATH");
  }

  @BeforeEach
  void writeKeyFiles() throws Exception {
    OpenSsl.writeCertificate(dir.resolve("outlet.pem"), OUTLET.certificate());
    OpenSsl.writeCertificate(dir.resolve("hq.pem"), HQ.certificate());
    OpenSsl.writeEncryptedKey(dir.resolve("outlet-key.pem"), OUTLET.privateKey(), PASSWORD);
    OpenSsl.writeEncryptedKey(dir.resolve("hq-key.pem"), HQ.privateKey(), PASSWORD);
    OpenSsl.writePassword(dir.resolve("pw"), PASSWORD);
  }

  @Test
  void openssl_opensWhatCmsSealerSealed_layerByLayer() throws Exception {
    Files.write(dir.resolve("msg.p7m"), Parties.outletSealer().seal(closing(), HQ.certificate()));

    ok(
        "cms -verify -inform DER -in msg.p7m -binary -nointern -certfile outlet.pem"
            + " -CAfile outlet.pem -out env.der");
    ok(
        "cms -decrypt -inform DER -in env.der -recip hq.pem -inkey hq-key.pem -passin file:pw"
            + " -out inner.der");
    ok(
        "cms -verify -inform DER -in inner.der -binary -nointern -certfile outlet.pem"
            + " -CAfile outlet.pem -out payload.json");

    assertThat(dir.resolve("payload.json")).hasBinaryContent(closing());
  }

  @Test
  void openssl_decryptsAsTheSender_becauseTheSenderIsARecipient() throws Exception {
    byte[] sealed = Parties.outletSealer().seal(closing(), HQ.certificate());
    Files.write(dir.resolve("env.der"), Forge.envelopeOf(sealed));

    ok(
        "cms -decrypt -inform DER -in env.der -recip outlet.pem -inkey outlet-key.pem"
            + " -passin file:pw -out inner.der");

    assertThat(dir.resolve("inner.der")).hasBinaryContent(Forge.innerOf(sealed, OUTLET));
  }

  @Test
  void cmsOpener_opensWhatOpensslSealed() throws Exception {
    Files.write(dir.resolve("payload.json"), closing());

    ok(
        "cms -sign -in payload.json -binary -nodetach -md sha256 -signer outlet.pem"
            + " -inkey outlet-key.pem -passin file:pw"
            + PSS
            + " -outform DER -out inner.der");
    ok(
        "cms -encrypt -in inner.der -binary -aes-256-gcm -recip hq.pem"
            + OAEP
            + " -recip outlet.pem"
            + OAEP
            + " -outform DER -out env.der");
    ok(
        "cms -sign -in env.der -binary -nodetach -econtent_type "
            + AUTH_ENVELOPED_DATA
            + " -md sha256 -signer outlet.pem -inkey outlet-key.pem -passin file:pw"
            + PSS
            + " -outform DER -out msg.p7m");
    byte[] message = Files.readAllBytes(dir.resolve("msg.p7m"));

    OpenedMessage atHq = Parties.hqOpener().openSealed(message);
    OpenedMessage atOutlet = Parties.outletOpener().openSealed(message);

    assertThat(atHq.payload()).isEqualTo(closing());
    assertThat(atHq.signerId()).isEqualTo("outlet-001");
    assertThat(atHq.innerSignedData()).isEqualTo(Files.readAllBytes(dir.resolve("inner.der")));
    assertThat(atOutlet.payload()).isEqualTo(closing());
  }

  @Test
  void cmsOpener_opensWhatOpensslSealed_withSubjectKeyIdentifiers() throws Exception {
    Files.write(dir.resolve("payload.json"), closing());

    ok(
        "cms -sign -keyid -in payload.json -binary -nodetach -md sha256 -signer outlet.pem"
            + " -inkey outlet-key.pem -passin file:pw"
            + PSS
            + " -outform DER -out inner.der");
    ok(
        "cms -encrypt -keyid -in inner.der -binary -aes-256-gcm -recip hq.pem"
            + OAEP
            + " -recip outlet.pem"
            + OAEP
            + " -outform DER -out env.der");
    ok(
        "cms -sign -keyid -in env.der -binary -nodetach -econtent_type "
            + AUTH_ENVELOPED_DATA
            + " -md sha256 -signer outlet.pem -inkey outlet-key.pem -passin file:pw"
            + PSS
            + " -outform DER -out msg.p7m");
    byte[] message = Files.readAllBytes(dir.resolve("msg.p7m"));

    // SignerIdentifier subjectKeyIdentifier: [0] IMPLICIT OCTET STRING.
    assertThat(Forge.signerInfoField(message, 1).tag()).isEqualTo(0x80);
    assertThat(Parties.hqOpener().openSealed(message).payload()).isEqualTo(closing());
  }

  @Test
  void openssl_verifiesWhatCmsSealerSigned() throws Exception {
    byte[] menu = "{\"schema\":\"outpost.menu/1\"}".getBytes(StandardCharsets.UTF_8);
    Files.write(dir.resolve("menu.der"), Parties.hqSealer().sign(menu));

    ok(
        "cms -verify -inform DER -in menu.der -binary -nointern -certfile hq.pem -CAfile hq.pem"
            + " -out menu.json");

    assertThat(dir.resolve("menu.json")).hasBinaryContent(menu);
  }

  @Test
  void cmsOpener_opensWhatOpensslSigned() throws Exception {
    byte[] menu = "{\"schema\":\"outpost.menu/1\"}".getBytes(StandardCharsets.UTF_8);
    Files.write(dir.resolve("menu.json"), menu);

    ok(
        "cms -sign -in menu.json -binary -nodetach -md sha256 -signer hq.pem -inkey hq-key.pem"
            + " -passin file:pw"
            + PSS
            + " -outform DER -out menu.der");

    OpenedMessage opened =
        Parties.outletOpener().openSigned(Files.readAllBytes(dir.resolve("menu.der")));
    assertThat(opened.payload()).isEqualTo(menu);
    assertThat(opened.signerId()).isEqualTo("hq");
  }

  @Test
  void openssl_refusesWhatCmsSealerSignedForAnotherCertificate() throws Exception {
    Files.write(dir.resolve("msg.p7m"), Parties.outletSealer().seal(closing(), HQ.certificate()));

    OpenSsl.Result wrongSigner =
        run(
            "cms -verify -inform DER -in msg.p7m -binary -nointern -certfile hq.pem -CAfile hq.pem"
                + " -out env.der");

    assertThat(wrongSigner.exitCode()).as(wrongSigner.output()).isNotZero();
  }

  @Test
  void tamperedTag_opensslFailsWithExitCode_andCmsOpenerReleasesNothing() throws Exception {
    byte[] sealed = Parties.outletSealer().seal(closing(), HQ.certificate());
    byte[] envelope = Forge.envelopeOf(sealed);
    byte[] tampered = Der.flip(envelope, Forge.tag(envelope).middle());
    Files.write(dir.resolve("env.der"), tampered);

    OpenSsl.Result decrypt =
        run(
            "cms -decrypt -inform DER -in env.der -recip hq.pem -inkey hq-key.pem -passin file:pw"
                + " -out inner.der");

    // OpenSSL 3.0 may already have written the plaintext to -out: only the exit code counts.
    assertThat(decrypt.exitCode()).as(decrypt.output()).isNotZero();
    CmsOpenerTest.assertReason(
        () -> Parties.hqOpener().openSealed(Forge.outer(OUTLET, tampered)), Reason.DECRYPT_FAILED);
  }

  /** Runs an openssl command line (arguments separated by single spaces) in the temp dir. */
  private OpenSsl.Result run(String commandLine) throws Exception {
    return OpenSsl.run(dir, commandLine.trim().split(" "));
  }

  private void ok(String commandLine) throws Exception {
    OpenSsl.Result result = run(commandLine);
    assertThat(result.exitCode()).as(result.output()).isZero();
  }
}
