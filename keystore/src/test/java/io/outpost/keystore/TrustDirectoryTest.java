package io.outpost.keystore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outpost.keystore.KeystoreException.Reason;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustDirectoryTest {

  private static final Instant NOW = Instant.now();

  @TempDir Path dir;

  @Test
  void load_nothingPinned_returnsEmptyStore() throws KeystoreException {
    assertThat(TrustDirectory.load(dir).all()).isEmpty();
  }

  @Test
  void pin_matchingFingerprint_storesThePinUnderTheCommonName() throws KeystoreException {
    Identity hq = TestIdentities.of("hq");

    PinnedCertificate pin = TrustDirectory.pin(dir, hq.certificate(), hq.fingerprint());

    assertThat(pin.peerId()).isEqualTo("hq");
    assertThat(pin.revoked()).isFalse();
    assertThat(dir.resolve("trusted/hq/" + hq.fingerprint() + ".pem")).isRegularFile();
    TrustStore loaded = TrustDirectory.load(dir);
    assertThat(loaded.all()).containsExactly(pin);
    assertThat(loaded.encryptionCertificate("hq", NOW)).contains(hq.certificate());
  }

  @Test
  void pin_fingerprintAsPeopleTypeIt_isAccepted() throws KeystoreException {
    Identity hq = TestIdentities.of("hq");
    String typed = Certificates.displayFingerprint(hq.fingerprint()).replace(' ', ':');

    TrustDirectory.pin(dir, hq.certificate(), typed);

    assertThat(TrustDirectory.load(dir).knows("hq")).isTrue();
  }

  @Test
  void pin_otherFingerprint_throwsMismatchShowingBothAndPinsNothing() throws KeystoreException {
    Identity hq = TestIdentities.of("hq");
    String other = TestIdentities.of("outlet-001").fingerprint();

    assertThatThrownBy(() -> TrustDirectory.pin(dir, hq.certificate(), other))
        .isInstanceOfSatisfying(
            KeystoreException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.FINGERPRINT_MISMATCH))
        .hasMessageContaining(Certificates.displayFingerprint(other))
        .hasMessageContaining(Certificates.displayFingerprint(hq.fingerprint()));
    assertThat(TrustDirectory.load(dir).all()).isEmpty();
  }

  @Test
  void pin_malformedFingerprints_throwInvalidArgument() {
    Identity hq = TestIdentities.of("hq");
    for (String typed :
        List.of(
            "",
            "abc",
            hq.fingerprint().substring(1),
            hq.fingerprint() + "00",
            "zz" + hq.fingerprint().substring(2))) {
      assertThatThrownBy(() -> TrustDirectory.pin(dir, hq.certificate(), typed))
          .as(typed)
          .isInstanceOfSatisfying(
              KeystoreException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_ARGUMENT));
    }
  }

  @Test
  void pin_expiredCertificate_throwsExpired() throws KeystoreException {
    Identity old =
        TestIdentities.valid(
            "outlet-002", NOW.minus(Duration.ofDays(30)), NOW.minus(Duration.ofDays(1)));

    assertThatThrownBy(() -> TrustDirectory.pin(dir, old.certificate(), old.fingerprint()))
        .isInstanceOfSatisfying(
            KeystoreException.class, e -> assertThat(e.reason()).isEqualTo(Reason.EXPIRED));
    assertThat(TrustDirectory.load(dir).all()).isEmpty();
  }

  @Test
  void pin_commonNameThatIsNoPartyId_throwsInvalidArgument() throws Exception {
    X509Certificate certificate = selfSigned("CN=../hq");

    assertThatThrownBy(
            () -> TrustDirectory.pin(dir, certificate, Certificates.fingerprint(certificate)))
        .isInstanceOfSatisfying(
            KeystoreException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_ARGUMENT))
        .hasMessageContaining("../hq");
  }

  @Test
  void pin_subjectWithoutCommonName_throwsInvalidArgument() throws Exception {
    X509Certificate certificate = selfSigned("O=Outpost");

    assertThatThrownBy(
            () -> TrustDirectory.pin(dir, certificate, Certificates.fingerprint(certificate)))
        .isInstanceOfSatisfying(
            KeystoreException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_ARGUMENT));
  }

  @Test
  void pin_sameCertificateTwice_changesNothing() throws Exception {
    Identity hq = TestIdentities.of("hq");
    TrustDirectory.pin(dir, hq.certificate(), hq.fingerprint());

    TrustDirectory.pin(dir, hq.certificate(), hq.fingerprint());

    assertThat(TrustDirectory.load(dir).all()).hasSize(1);
    try (var files = Files.list(dir.resolve("trusted/hq"))) {
      assertThat(files).hasSize(1);
    }
  }

  @Test
  void pin_secondCertificateOfAPeer_rotates_bothVerifyAndTheNewestEncrypts()
      throws KeystoreException {
    Identity old =
        TestIdentities.valid(
            "outlet-001", NOW.minus(Duration.ofDays(300)), NOW.plus(Duration.ofDays(60)));
    Identity current =
        TestIdentities.valid(
            "outlet-001", NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(700)));
    TrustDirectory.pin(dir, current.certificate(), current.fingerprint());
    TrustDirectory.pin(dir, old.certificate(), old.fingerprint());

    TrustStore store = TrustDirectory.load(dir);

    assertThat(store.pinned("outlet-001")).hasSize(2).noneMatch(PinnedCertificate::revoked);
    assertThat(store.find(old.certificate())).isPresent();
    assertThat(store.find(current.certificate())).isPresent();
    assertThat(store.encryptionCertificate("outlet-001", NOW)).contains(current.certificate());
  }

  @Test
  void revoke_peer_marksEveryCertificateRevokedAndKeepsThem() throws KeystoreException {
    Identity outlet = TestIdentities.of("outlet-001");
    Identity hq = TestIdentities.of("hq");
    TrustDirectory.pin(dir, outlet.certificate(), outlet.fingerprint());
    TrustDirectory.pin(dir, hq.certificate(), hq.fingerprint());

    List<PinnedCertificate> revoked = TrustDirectory.revoke(dir, "outlet-001");

    assertThat(revoked).singleElement().matches(PinnedCertificate::revoked);
    assertThat(dir.resolve("trusted/outlet-001/" + outlet.fingerprint() + ".revoked"))
        .isRegularFile();
    TrustStore store = TrustDirectory.load(dir);
    assertThat(store.knows("outlet-001")).isTrue();
    assertThat(store.find(outlet.certificate()))
        .hasValueSatisfying(p -> assertThat(p.revoked()).isTrue());
    assertThat(store.encryptionCertificate("outlet-001", NOW)).isEmpty();
    assertThat(store.find(hq.certificate()))
        .hasValueSatisfying(p -> assertThat(p.revoked()).isFalse());
  }

  @Test
  void revoke_twice_keepsThePeerRevoked() throws KeystoreException {
    Identity outlet = TestIdentities.of("outlet-001");
    TrustDirectory.pin(dir, outlet.certificate(), outlet.fingerprint());
    TrustDirectory.revoke(dir, "outlet-001");

    List<PinnedCertificate> again = TrustDirectory.revoke(dir, "outlet-001");

    assertThat(again).singleElement().matches(PinnedCertificate::revoked);
  }

  @Test
  void revoke_oneFingerprintAfterRotation_leavesTheOtherActive() throws KeystoreException {
    Identity old =
        TestIdentities.valid(
            "outlet-001", NOW.minus(Duration.ofDays(300)), NOW.plus(Duration.ofDays(60)));
    Identity current = TestIdentities.of("outlet-001");
    TrustDirectory.pin(dir, old.certificate(), old.fingerprint());
    TrustDirectory.pin(dir, current.certificate(), current.fingerprint());

    TrustDirectory.revoke(dir, "outlet-001", Certificates.displayFingerprint(old.fingerprint()));

    TrustStore store = TrustDirectory.load(dir);
    assertThat(store.find(old.certificate()))
        .hasValueSatisfying(p -> assertThat(p.revoked()).isTrue());
    assertThat(store.find(current.certificate()))
        .hasValueSatisfying(p -> assertThat(p.revoked()).isFalse());
    assertThat(store.encryptionCertificate("outlet-001", NOW)).contains(current.certificate());
  }

  @Test
  void revoke_unknownPeer_throwsUnknownPeer() throws KeystoreException {
    Identity hq = TestIdentities.of("hq");
    TrustDirectory.pin(dir, hq.certificate(), hq.fingerprint());

    assertThatThrownBy(() -> TrustDirectory.revoke(dir, "outlet-404"))
        .isInstanceOfSatisfying(
            KeystoreException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_PEER))
        .hasMessageContaining("outlet-404");
  }

  @Test
  void revoke_fingerprintNotPinnedForThatPeer_throwsUnknownPeer() throws KeystoreException {
    Identity hq = TestIdentities.of("hq");
    Identity outlet = TestIdentities.of("outlet-001");
    TrustDirectory.pin(dir, hq.certificate(), hq.fingerprint());
    TrustDirectory.pin(dir, outlet.certificate(), outlet.fingerprint());

    assertThatThrownBy(() -> TrustDirectory.revoke(dir, "hq", outlet.fingerprint()))
        .isInstanceOfSatisfying(
            KeystoreException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_PEER));
    assertThat(TrustDirectory.load(dir).all()).noneMatch(PinnedCertificate::revoked);
  }

  @Test
  void revoke_peerIdThatIsNoPartyId_throwsInvalidArgument() {
    assertThatThrownBy(() -> TrustDirectory.revoke(dir, "../../etc"))
        .isInstanceOfSatisfying(
            KeystoreException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_ARGUMENT));
  }

  @Test
  void pin_revokedCertificate_throwsAlreadyExistsAndStaysRevoked() throws KeystoreException {
    Identity outlet = TestIdentities.of("outlet-001");
    TrustDirectory.pin(dir, outlet.certificate(), outlet.fingerprint());
    TrustDirectory.revoke(dir, "outlet-001");

    assertThatThrownBy(() -> TrustDirectory.pin(dir, outlet.certificate(), outlet.fingerprint()))
        .isInstanceOfSatisfying(
            KeystoreException.class, e -> assertThat(e.reason()).isEqualTo(Reason.ALREADY_EXISTS))
        .hasMessageContaining("revoked");
    assertThat(TrustDirectory.load(dir).find(outlet.certificate()))
        .hasValueSatisfying(p -> assertThat(p.revoked()).isTrue());
  }

  @Test
  void load_certificateUnderAnotherFingerprint_throwsCorruptFile() throws Exception {
    Identity hq = TestIdentities.of("hq");
    TrustDirectory.pin(dir, hq.certificate(), hq.fingerprint());
    Path peer = dir.resolve("trusted/hq");
    Files.move(peer.resolve(hq.fingerprint() + ".pem"), peer.resolve("0".repeat(64) + ".pem"));

    assertThatThrownBy(() -> TrustDirectory.load(dir))
        .isInstanceOfSatisfying(
            KeystoreException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CORRUPT_FILE));
  }

  @Test
  void load_certificateInAnotherPeersDirectory_throwsCorruptFile() throws Exception {
    Identity hq = TestIdentities.of("hq");
    TrustDirectory.pin(dir, hq.certificate(), hq.fingerprint());
    Path impostor = Files.createDirectories(dir.resolve("trusted/outlet-001"));
    Files.move(
        dir.resolve("trusted/hq/" + hq.fingerprint() + ".pem"),
        impostor.resolve(hq.fingerprint() + ".pem"));

    assertThatThrownBy(() -> TrustDirectory.load(dir))
        .isInstanceOfSatisfying(
            KeystoreException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CORRUPT_FILE))
        .hasMessageContaining("outlet-001");
  }

  @Test
  void load_unexpectedFile_throwsCorruptFileNamingIt() throws Exception {
    Identity hq = TestIdentities.of("hq");
    TrustDirectory.pin(dir, hq.certificate(), hq.fingerprint());
    Files.writeString(dir.resolve("trusted/hq/notes.txt"), "hello");

    assertThatThrownBy(() -> TrustDirectory.load(dir))
        .isInstanceOfSatisfying(
            KeystoreException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CORRUPT_FILE))
        .hasMessageContaining("notes.txt");
  }

  @Test
  void load_hiddenLeftoverOfAnInterruptedWrite_isIgnored() throws Exception {
    Identity hq = TestIdentities.of("hq");
    TrustDirectory.pin(dir, hq.certificate(), hq.fingerprint());
    Files.writeString(dir.resolve("trusted/hq/." + hq.fingerprint() + ".revoked.123.tmp"), "");

    assertThat(TrustDirectory.load(dir).all()).singleElement().matches(p -> !p.revoked());
  }

  /** A certificate Outpost's generator would refuse to make: any subject, valid now. */
  private static X509Certificate selfSigned(String subject) throws Exception {
    Identity key = TestIdentities.of("hq");
    X500Name name = new X500Name(subject);
    return new JcaX509CertificateConverter()
        .getCertificate(
            new JcaX509v3CertificateBuilder(
                    name,
                    BigInteger.valueOf(NOW.toEpochMilli()),
                    Date.from(NOW.minus(Duration.ofDays(1))),
                    Date.from(NOW.plus(Duration.ofDays(30))),
                    name,
                    key.certificate().getPublicKey())
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(key.privateKey())));
  }
}
