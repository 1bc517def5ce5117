package io.outpost.message.cms;

import static io.outpost.message.cms.Parties.CLOCK;
import static io.outpost.message.cms.Parties.HQ;
import static io.outpost.message.cms.Parties.MAX_BYTES;
import static io.outpost.message.cms.Parties.OUTLET;
import static io.outpost.message.cms.Parties.OUTLET_2;
import static io.outpost.message.cms.Parties.closing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outpost.keystore.Certificates;
import io.outpost.keystore.Identity;
import io.outpost.keystore.PinnedCertificate;
import io.outpost.keystore.TestIdentities;
import io.outpost.keystore.TrustStore;
import io.outpost.message.SecureMessageException;
import io.outpost.message.SecureMessageException.Reason;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.interfaces.RSAPrivateCrtKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AuthEnvelopedData;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.junit.jupiter.api.Test;

/** Opening sealed and signed messages: who may send, to whom, when, how large, of which type. */
class CmsOpenerTest {

  private final CmsOpener hq = Parties.hqOpener();

  @Test
  void openSealed_sealedForUs_returnsPayloadSignerAndEvidence() throws Exception {
    Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    byte[] sealed = Parties.outletSealer().seal(closing(), HQ.certificate());

    OpenedMessage opened = hq.openSealed(sealed);

    assertThat(opened.payload()).isEqualTo(closing());
    assertThat(opened.signerId()).isEqualTo("outlet-001");
    assertThat(opened.signer().fingerprint()).isEqualTo(OUTLET.fingerprint());
    assertThat(opened.contentDigest())
        .isEqualTo(
            HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(closing())));
    assertThat(opened.signingTime()).isBetween(before, Instant.now());
    assertThat(opened.innerSignedData()).isEqualTo(Forge.innerOf(sealed, HQ));
  }

  @Test
  void openSealed_bySender_readsItsOwnOutbox() throws Exception {
    byte[] sealed = Parties.outletSealer().seal(closing(), HQ.certificate());

    OpenedMessage opened = Parties.outletOpener().openSealed(sealed);

    assertThat(opened.payload()).isEqualTo(closing());
    assertThat(opened.signer().fingerprint()).isEqualTo(OUTLET.fingerprint());
  }

  @Test
  void openSigned_signedByHq_returnsPayloadAndWholeMessageAsEvidence() throws Exception {
    byte[] menu = "{\"schema\":\"outpost.menu/1\"}".getBytes(StandardCharsets.UTF_8);
    byte[] signed = Parties.hqSealer().sign(menu);

    OpenedMessage opened = Parties.outletOpener().openSigned(signed);

    assertThat(opened.payload()).isEqualTo(menu);
    assertThat(opened.signerId()).isEqualTo("hq");
    assertThat(opened.innerSignedData()).isEqualTo(signed);
  }

  @Test
  void openSigned_archivedInnerSignedData_verifiesWithTheSignerCertificateAlone() throws Exception {
    OpenedMessage opened = hq.openSealed(Parties.outletSealer().seal(closing(), HQ.certificate()));
    Identity auditor = TestIdentities.of("auditor");
    CmsOpener audit =
        new CmsOpener(
            auditor, TrustStore.of(List.of(TestIdentities.pin(OUTLET))), CLOCK, MAX_BYTES);

    OpenedMessage audited = audit.openSigned(opened.innerSignedData());

    assertThat(audited.payload()).isEqualTo(closing());
    assertThat(audited.signerId()).isEqualTo("outlet-001");
    assertThat(audited.contentDigest()).isEqualTo(opened.contentDigest());
  }

  @Test
  void openSealed_sealedForAnotherParty_throwsNotForUs() {
    byte[] sealed = Parties.outletSealer().seal(closing(), HQ.certificate());
    Identity otherHq = TestIdentities.fresh("hq");
    CmsOpener opener = new CmsOpener(otherHq, Parties.hqTrust(), CLOCK, MAX_BYTES);

    assertReason(() -> opener.openSealed(sealed), Reason.NOT_FOR_US);
  }

  @Test
  void openSealed_unpinnedSender_throwsUnknownSender() {
    byte[] sealed =
        new CmsSealer(TestIdentities.of("outlet-999"), CLOCK).seal(closing(), HQ.certificate());

    assertReason(() -> hq.openSealed(sealed), Reason.UNKNOWN_SENDER);
  }

  @Test
  void openSealed_impostorWithPinnedNameButOwnKey_throwsUnknownSender() {
    Identity impostor = TestIdentities.fresh("outlet-001");
    byte[] sealed = new CmsSealer(impostor, CLOCK).seal(closing(), HQ.certificate());

    assertReason(() -> hq.openSealed(sealed), Reason.UNKNOWN_SENDER);
  }

  @Test
  void openSigned_unpinnedSigner_throwsUnknownSender() {
    byte[] signed = new CmsSealer(TestIdentities.of("outlet-999"), CLOCK).sign(closing());

    assertReason(() -> hq.openSigned(signed), Reason.UNKNOWN_SENDER);
  }

  @Test
  void openSealed_innerSignedByAnotherPinnedOutlet_throwsSenderMismatch() {
    byte[] inner = Forge.innerSigned(OUTLET_2, closing());
    byte[] sealed = Forge.seal(OUTLET, inner, HQ.certificate());

    assertReason(() -> hq.openSealed(sealed), Reason.SENDER_MISMATCH);
  }

  @Test
  void openSealed_outerSignedByAnotherPinnedOutlet_throwsSenderMismatch() {
    byte[] inner = Forge.innerSigned(OUTLET, closing());
    byte[] sealed = Forge.seal(OUTLET_2, inner, HQ.certificate());

    assertReason(() -> hq.openSealed(sealed), Reason.SENDER_MISMATCH);
  }

  @Test
  void openSealed_innerSignedByUnpinnedParty_throwsUnknownSender() {
    byte[] inner = Forge.innerSigned(TestIdentities.of("outlet-999"), closing());
    byte[] sealed = Forge.seal(OUTLET, inner, HQ.certificate());

    assertReason(() -> hq.openSealed(sealed), Reason.UNKNOWN_SENDER);
  }

  @Test
  void openSealed_signerCertificateExpired_throwsExpired() {
    Instant now = Instant.now();
    Identity old =
        TestIdentities.valid(
            "outlet-003", now.minus(Duration.ofDays(30)), now.minus(Duration.ofHours(1)));
    Clock then = Clock.fixed(now.minus(Duration.ofHours(2)), ZoneOffset.UTC);
    byte[] sealed = new CmsSealer(old, then).seal(closing(), HQ.certificate());
    CmsOpener opener =
        new CmsOpener(HQ, TrustStore.of(List.of(TestIdentities.pin(old))), CLOCK, MAX_BYTES);

    assertReason(() -> opener.openSealed(sealed), Reason.EXPIRED);
    assertThat(openedAt(now.minus(Duration.ofHours(2)), old, sealed)).isTrue();
  }

  @Test
  void openSealed_openedAfterSignerCertificateEnds_throwsExpired() {
    byte[] sealed = Parties.outletSealer().seal(closing(), HQ.certificate());
    Clock later = Clock.offset(CLOCK, Duration.ofDays(400));
    CmsOpener opener = new CmsOpener(HQ, Parties.hqTrust(), later, MAX_BYTES);

    assertReason(() -> opener.openSealed(sealed), Reason.EXPIRED);
  }

  @Test
  void openSealed_signingTimeBeforeCertificateStart_throwsExpired() {
    Clock early = Clock.offset(CLOCK, Duration.ofDays(-30));
    byte[] signed = new CmsSealer(OUTLET, early).sign(closing());

    assertReason(() -> hq.openSigned(signed), Reason.EXPIRED);
  }

  @Test
  void openSealed_signerRevoked_throwsRevoked() {
    byte[] sealed = Parties.outletSealer().seal(closing(), HQ.certificate());
    TrustStore revoked = TrustStore.of(List.of(TestIdentities.pin(OUTLET).revoke()));
    CmsOpener opener = new CmsOpener(HQ, revoked, CLOCK, MAX_BYTES);

    assertReason(() -> opener.openSealed(sealed), Reason.REVOKED);
  }

  @Test
  void openSealed_rotatedKeys_bothPinnedCertificatesVerify() throws Exception {
    Identity previous = TestIdentities.fresh("outlet-004");
    Identity current = TestIdentities.fresh("outlet-004");
    TrustStore trust =
        TrustStore.of(List.of(TestIdentities.pin(previous), TestIdentities.pin(current)));
    CmsOpener opener = new CmsOpener(HQ, trust, CLOCK, MAX_BYTES);

    OpenedMessage fromPrevious =
        opener.openSealed(new CmsSealer(previous, CLOCK).seal(closing(), HQ.certificate()));
    OpenedMessage fromCurrent =
        opener.openSealed(new CmsSealer(current, CLOCK).seal(closing(), HQ.certificate()));

    assertThat(fromPrevious.signer().fingerprint()).isEqualTo(previous.fingerprint());
    assertThat(fromCurrent.signer().fingerprint()).isEqualTo(current.fingerprint());
    assertThat(fromPrevious.signerId()).isEqualTo(fromCurrent.signerId()).isEqualTo("outlet-004");
  }

  @Test
  void openSealed_largerThanLimit_throwsTooLarge() throws Exception {
    byte[] sealed = Parties.outletSealer().seal(closing(), HQ.certificate());
    CmsOpener exact = new CmsOpener(HQ, Parties.hqTrust(), CLOCK, sealed.length);
    CmsOpener smaller = new CmsOpener(HQ, Parties.hqTrust(), CLOCK, sealed.length - 1);

    assertThat(exact.openSealed(sealed).payload()).isEqualTo(closing());
    assertReason(() -> smaller.openSealed(sealed), Reason.TOO_LARGE);
    assertReason(() -> smaller.openSigned(sealed), Reason.TOO_LARGE);
  }

  @Test
  void openSealed_signedMessage_throwsWrongType() {
    byte[] signed = Parties.outletSealer().sign(closing());

    assertReason(() -> hq.openSealed(signed), Reason.WRONG_TYPE);
  }

  @Test
  void openSigned_sealedMessage_throwsWrongType() {
    byte[] sealed = Parties.outletSealer().seal(closing(), HQ.certificate());

    assertReason(() -> hq.openSigned(sealed), Reason.WRONG_TYPE);
  }

  @Test
  void openSealed_innerLayerNotData_throwsWrongType() {
    byte[] inner =
        Forge.signed(OUTLET, Forge.innerSigned(OUTLET, closing()), CmsProfile.SIGNED_DATA);
    byte[] sealed = Forge.seal(OUTLET, inner, HQ.certificate());

    assertReason(() -> hq.openSealed(sealed), Reason.WRONG_TYPE);
  }

  @Test
  void openSealed_bareInnerStructures_openWithTheSameEvidence() throws Exception {
    byte[] inner = Forge.innerSigned(OUTLET, closing());
    byte[] bareInner = Der.value(inner, Der.path(inner, 1));
    byte[] envelope = Forge.envelope(bareInner, HQ.certificate(), OUTLET.certificate());
    byte[] bareEnvelope = Der.value(envelope, Der.path(envelope, 1));
    byte[] sealed = Forge.outer(OUTLET, bareEnvelope);

    OpenedMessage opened = hq.openSealed(sealed);

    assertThat(opened.payload()).isEqualTo(closing());
    assertThat(opened.innerSignedData()).isEqualTo(inner);
  }

  @Test
  void openSealed_authenticatedAttributes_throwsMalformed() throws Exception {
    byte[] envelope = Forge.envelopeOf(Parties.outletSealer().seal(closing(), HQ.certificate()));
    ContentInfo info = ContentInfo.getInstance(envelope);
    ASN1Sequence fields = ASN1Sequence.getInstance(info.getContent());
    AuthEnvelopedData original = AuthEnvelopedData.getInstance(fields);
    ASN1EncodableVector withAttributes = new ASN1EncodableVector();
    withAttributes.add(fields.getObjectAt(0));
    withAttributes.add(fields.getObjectAt(1));
    withAttributes.add(fields.getObjectAt(2));
    withAttributes.add(
        new DERTaggedObject(
            false,
            1,
            new DERSet(new Attribute(CMSAttributes.contentType, new DERSet(CmsProfile.DATA)))));
    withAttributes.add(original.getMac());
    byte[] forged =
        new ContentInfo(CmsProfile.AUTH_ENVELOPED_DATA, new DERSequence(withAttributes))
            .getEncoded(ASN1Encoding.DER);
    assertThat(
            AuthEnvelopedData.getInstance(ContentInfo.getInstance(forged).getContent())
                .getAuthAttrs())
        .isNotNull();

    assertReason(() -> hq.openSealed(Forge.outer(OUTLET, forged)), Reason.MALFORMED);
  }

  @Test
  void openSealed_forgedOuterLayer_usesNoPrivateKey() throws Exception {
    CountingRsaKey key = new CountingRsaKey((RSAPrivateCrtKey) HQ.privateKey());
    CmsOpener opener =
        new CmsOpener(Identity.create(HQ.certificate(), key), Parties.hqTrust(), CLOCK, MAX_BYTES);
    byte[] sealed = Parties.outletSealer().seal(closing(), HQ.certificate());
    byte[] badSignature = Der.flip(sealed, Forge.signature(sealed).middle());
    byte[] badContent = Der.flip(sealed, Forge.eContent(sealed).middle());
    byte[] stranger =
        new CmsSealer(TestIdentities.of("outlet-999"), CLOCK).seal(closing(), HQ.certificate());

    assertReason(() -> opener.openSealed(badSignature), Reason.BAD_SIGNATURE);
    assertReason(() -> opener.openSealed(badContent), Reason.DIGEST_MISMATCH);
    assertReason(() -> opener.openSealed(stranger), Reason.UNKNOWN_SENDER);
    assertThat(key.reads()).isZero();
    assertThat(opener.openSealed(sealed).payload()).isEqualTo(closing());
    assertThat(key.reads()).isPositive();
  }

  @Test
  void openSealed_pinnedCertificate_isTheSignerReturned() throws Exception {
    PinnedCertificate pin = TestIdentities.pin(OUTLET);

    OpenedMessage opened = hq.openSealed(Parties.outletSealer().seal(closing(), HQ.certificate()));

    assertThat(opened.signer()).isEqualTo(pin);
    assertThat(Certificates.commonName(opened.signer().certificate())).isEqualTo("outlet-001");
  }

  @Test
  void sealAndOpen_concurrentCallers_shareOneSealerAndOneOpener() throws Exception {
    CmsSealer sealer = Parties.outletSealer();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<byte[]>> results = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        byte[] payload = ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8);
        results.add(
            pool.submit(() -> hq.openSealed(sealer.seal(payload, HQ.certificate())).payload()));
      }
      for (int i = 0; i < results.size(); i++) {
        assertThat(new String(results.get(i).get(), StandardCharsets.UTF_8))
            .isEqualTo("{\"n\":" + i + "}");
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void constructor_nonPositiveLimit_throws() {
    assertThatThrownBy(() -> new CmsOpener(HQ, Parties.hqTrust(), CLOCK, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static boolean openedAt(Instant at, Identity signer, byte[] sealed) {
    CmsOpener opener =
        new CmsOpener(
            HQ,
            TrustStore.of(List.of(TestIdentities.pin(signer))),
            Clock.fixed(at, ZoneOffset.UTC),
            MAX_BYTES);
    try {
      return Arrays.equals(opener.openSealed(sealed).payload(), closing());
    } catch (SecureMessageException e) {
      return false;
    }
  }

  static void assertReason(ThrowingCallable open, Reason reason) {
    assertThatThrownBy(open)
        .isInstanceOf(SecureMessageException.class)
        .satisfies(e -> assertThat(((SecureMessageException) e).reason()).isEqualTo(reason));
  }
}
