package io.outpost.keystore.rotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outpost.keystore.Certificates;
import io.outpost.keystore.Identity;
import io.outpost.keystore.KeystoreException;
import io.outpost.keystore.KeystoreException.Reason;
import io.outpost.keystore.PinnedCertificate;
import io.outpost.keystore.TestIdentities;
import io.outpost.keystore.TrustDirectory;
import io.outpost.keystore.TrustStore;
import io.outpost.keystore.rotation.PendingCertificates.Pending;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PendingCertificatesTest {

  private static final Instant NOW = Instant.now();

  @TempDir Path dir;

  private final Identity current = TestIdentities.of("outlet-7");
  private final Identity next = TestIdentities.fresh("outlet-7");

  @BeforeEach
  void pinTheCurrentCertificate() throws KeystoreException {
    TrustDirectory.pin(dir, current.certificate(), current.fingerprint());
  }

  @Test
  void check_aSelfSignedCertificateOfThePeer_passes() throws KeystoreException {
    PendingCertificates.check(TrustDirectory.load(dir), "outlet-7", next.certificate(), NOW);
  }

  @Test
  void check_eachRuleBroken_throwsSayingWhich() throws Exception {
    TrustStore trust = TrustDirectory.load(dir);
    Identity stranger = TestIdentities.of("outlet-8");
    Identity expired =
        TestIdentities.valid(
            "outlet-7", NOW.minus(Duration.ofDays(30)), NOW.minus(Duration.ofDays(1)));
    X509Certificate notSelfSigned = signedBy(next.certificate(), stranger);
    record Case(X509Certificate certificate, Reason reason, String message) {}
    List<Case> cases =
        List.of(
            new Case(stranger.certificate(), Reason.INVALID_ARGUMENT, "does not name outlet-7"),
            new Case(notSelfSigned, Reason.INVALID_ARGUMENT, "not signed by its own key"),
            new Case(expired.certificate(), Reason.EXPIRED, "not now"),
            new Case(current.certificate(), Reason.ALREADY_EXISTS, "pinned already"));
    List<String> failures = new java.util.ArrayList<>();
    for (Case c : cases) {
      try {
        PendingCertificates.check(trust, "outlet-7", c.certificate(), NOW);
        failures.add(c.message() + ": accepted");
      } catch (KeystoreException e) {
        if (e.reason() != c.reason() || !e.getMessage().contains(c.message())) {
          failures.add(c.message() + ": " + e.reason() + " " + e.getMessage());
        }
      }
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void check_aRevokedCertificate_isNeverTrustedAgain() throws Exception {
    TrustDirectory.pin(dir, next.certificate(), next.fingerprint());
    TrustDirectory.revoke(dir, "outlet-7", next.fingerprint());

    assertThatThrownBy(
            () ->
                PendingCertificates.check(
                    TrustDirectory.load(dir), "outlet-7", next.certificate(), NOW))
        .isInstanceOf(KeystoreException.class)
        .hasMessageContaining("revoked");
  }

  @Test
  void keep_thenList_showsTheAnnouncementWithItsFacts() throws Exception {
    Pending pending = pending(next.certificate());

    boolean kept =
        PendingCertificates.keep(dir, pending, "signed".getBytes(StandardCharsets.US_ASCII));

    assertThat(kept).isTrue();
    assertThat(PendingCertificates.list(dir)).containsExactly(pending);
    assertThat(
            PendingCertificates.find(
                dir, "outlet-7", Certificates.displayFingerprint(next.fingerprint())))
        .contains(pending);
    assertThat(Files.readString(PendingCertificates.evidenceFile(dir, pending)))
        .isEqualTo("signed");
    assertThat(TrustDirectory.load(dir).find(next.certificate())).isEmpty();
  }

  @Test
  void keep_theSameAnnouncementTwice_keepsOne() throws Exception {
    PendingCertificates.keep(dir, pending(next.certificate()), new byte[] {1});

    boolean again = PendingCertificates.keep(dir, pending(next.certificate()), new byte[] {1});

    assertThat(again).isFalse();
    assertThat(PendingCertificates.list(dir)).hasSize(1);
  }

  @Test
  void confirm_theFingerprintReadOut_pinsTheCertificateAndDropsThePending() throws Exception {
    PendingCertificates.keep(dir, pending(next.certificate()), new byte[] {1});

    PinnedCertificate pin =
        PendingCertificates.confirm(
            dir, "outlet-7", Certificates.displayFingerprint(next.fingerprint()), NOW);

    assertThat(pin.certificate()).isEqualTo(next.certificate());
    TrustStore trust = TrustDirectory.load(dir);
    assertThat(trust.pinned("outlet-7"))
        .extracting(PinnedCertificate::fingerprint)
        .containsExactlyInAnyOrder(current.fingerprint(), next.fingerprint());
    assertThat(PendingCertificates.list(dir)).isEmpty();
  }

  @Test
  void confirm_anotherFingerprint_throwsUnknownPeerAndPinsNothing() throws Exception {
    PendingCertificates.keep(dir, pending(next.certificate()), new byte[] {1});
    String other = TestIdentities.of("outlet-8").fingerprint();

    assertThatThrownBy(() -> PendingCertificates.confirm(dir, "outlet-7", other, NOW))
        .isInstanceOf(KeystoreException.class)
        .extracting(e -> ((KeystoreException) e).reason())
        .isEqualTo(Reason.UNKNOWN_PEER);
    assertThat(TrustDirectory.load(dir).find(next.certificate())).isEmpty();
    assertThat(PendingCertificates.list(dir)).hasSize(1);
  }

  @Test
  void confirm_afterTheAnnouncingCertificateWasRevoked_isRefused() throws Exception {
    PendingCertificates.keep(dir, pending(next.certificate()), new byte[] {1});
    TrustDirectory.revoke(dir, "outlet-7", current.fingerprint());

    assertThatThrownBy(() -> PendingCertificates.confirm(dir, "outlet-7", next.fingerprint(), NOW))
        .isInstanceOf(KeystoreException.class)
        .hasMessageContaining("revoked")
        .hasMessageContaining("cannot vouch for a new key");
    assertThat(TrustDirectory.load(dir).find(next.certificate())).isEmpty();
  }

  @Test
  void reject_dropsThePendingCertificateWithoutPinningIt() throws Exception {
    PendingCertificates.keep(dir, pending(next.certificate()), new byte[] {1});

    PendingCertificates.reject(dir, "outlet-7", next.fingerprint());

    assertThat(PendingCertificates.list(dir)).isEmpty();
    assertThat(TrustDirectory.load(dir).find(next.certificate())).isEmpty();
  }

  @Test
  void signerOf_aSignedDataFromOneOfThePins_namesThatPin() throws Exception {
    TrustDirectory.pin(dir, next.certificate(), next.fingerprint());
    List<PinnedCertificate> pins = TrustDirectory.load(dir).pinned("outlet-7");
    byte[] signedByNext = sign(next, "hello".getBytes(StandardCharsets.US_ASCII));

    assertThat(PendingCertificates.signerOf(signedByNext, pins))
        .map(PinnedCertificate::fingerprint)
        .contains(next.fingerprint());
    assertThat(
            PendingCertificates.signerOf(sign(TestIdentities.of("outlet-8"), new byte[] {1}), pins))
        .isEmpty();
    assertThat(PendingCertificates.signerOf(new byte[] {0x30, 0x00}, pins)).isEmpty();
  }

  private Pending pending(X509Certificate certificate) {
    return new Pending(
        "outlet-7",
        certificate,
        Instant.parse("2024-05-02T08:00:00Z"),
        "7c9e6679-7425-40de-944b-e07fc1f90ae7",
        current.fingerprint());
  }

  /** {@code subject}'s name and key, signed by another party's key. */
  private static X509Certificate signedBy(X509Certificate subject, Identity signer)
      throws Exception {
    X500Name name = X500Name.getInstance(subject.getSubjectX500Principal().getEncoded());
    return new JcaX509CertificateConverter()
        .getCertificate(
            new JcaX509v3CertificateBuilder(
                    name,
                    BigInteger.valueOf(7),
                    Date.from(NOW.minus(Duration.ofDays(1))),
                    Date.from(NOW.plus(Duration.ofDays(30))),
                    name,
                    subject.getPublicKey())
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(signer.privateKey())));
  }

  private static byte[] sign(Identity signer, byte[] content) throws Exception {
    CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
    generator.addSignerInfoGenerator(
        new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
            .build(
                new JcaContentSignerBuilder("SHA256withRSA").build(signer.privateKey()),
                signer.certificate()));
    generator.addCertificates(new JcaCertStore(List.of(signer.certificate())));
    return generator.generate(new CMSProcessableByteArray(content), true).getEncoded();
  }
}
