package io.outpost.message.cms;

import static io.outpost.message.SecureMessageException.Reason.BAD_SIGNATURE;
import static io.outpost.message.SecureMessageException.Reason.DECRYPT_FAILED;
import static io.outpost.message.SecureMessageException.Reason.DIGEST_MISMATCH;
import static io.outpost.message.SecureMessageException.Reason.MALFORMED;
import static io.outpost.message.SecureMessageException.Reason.UNKNOWN_SENDER;
import static io.outpost.message.SecureMessageException.Reason.WRONG_TYPE;
import static io.outpost.message.cms.Parties.HQ;
import static io.outpost.message.cms.Parties.OUTLET;
import static io.outpost.message.cms.Parties.closing;
import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.message.SecureMessageException;
import io.outpost.message.SecureMessageException.Reason;
import io.outpost.message.cms.Der.Tlv;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.junit.jupiter.api.Test;

/**
 * One byte changed in each field of a sealed or signed message, each case with the reason it must
 * be refused for. Raw flips anywhere under the outer signature are caught there; to reach the
 * decryption and inner checks, some cases re-sign a tampered envelope with the sender's key or
 * re-encrypt a tampered inner layer, as a sender (or a thief of its key) could.
 */
class CmsOpenerTamperTest {

  /** Opens one kind of message as one party. */
  private interface Open {
    OpenedMessage open(byte[] message) throws SecureMessageException;
  }

  /** One tampered message, how to open it, and the reason it must be refused for. */
  private record Case(String name, byte[] message, Open open, Reason expected) {}

  private final CmsOpener hq = Parties.hqOpener();
  private final CmsOpener outlet = Parties.outletOpener();
  private final byte[] sealed = Parties.outletSealer().seal(closing(), HQ.certificate());
  private final byte[] signed = Parties.hqSealer().sign(closing());

  @Test
  void open_untouchedMessages_open() throws Exception {
    assertThat(hq.openSealed(sealed).payload()).isEqualTo(closing());
    assertThat(outlet.openSealed(sealed).payload()).isEqualTo(closing());
    assertThat(outlet.openSigned(signed).payload()).isEqualTo(closing());
  }

  @Test
  void open_everyTamperedField_isRefusedWithItsReason() {
    List<Case> cases = new ArrayList<>();
    cases.addAll(outerLayerCases());
    cases.addAll(envelopeUnderOuterSignatureCases());
    cases.addAll(envelopeResignedCases());
    cases.addAll(innerLayerCases());
    cases.addAll(signedMessageCases());
    cases.addAll(structureCases());

    List<String> failures = new ArrayList<>();
    for (Case c : cases) {
      try {
        c.open().open(c.message());
        failures.add(c.name() + ": accepted");
      } catch (SecureMessageException e) {
        if (e.reason() != c.expected()) {
          failures.add(
              c.name()
                  + ": "
                  + e.reason()
                  + " instead of "
                  + c.expected()
                  + " ("
                  + e.getMessage()
                  + ")");
        }
      } catch (RuntimeException e) {
        failures.add(c.name() + ": threw " + e);
      }
    }

    assertThat(cases).hasSizeGreaterThan(30);
    assertThat(failures).isEmpty();
  }

  private List<Case> outerLayerCases() {
    Open open = hq::openSealed;
    return List.of(
        new Case("outer signature", flipIn(sealed, Forge.signature(sealed)), open, BAD_SIGNATURE),
        new Case(
            "outer messageDigest attribute",
            flipIn(sealed, Forge.signedAttribute(sealed, CMSAttributes.messageDigest)),
            open,
            DIGEST_MISMATCH),
        new Case(
            "outer signingTime attribute",
            flipLastDigit(sealed, Forge.signedAttribute(sealed, CMSAttributes.signingTime)),
            open,
            BAD_SIGNATURE),
        new Case(
            "outer contentType attribute",
            Der.flip(sealed, Forge.signedAttribute(sealed, CMSAttributes.contentType).end() - 1),
            open,
            BAD_SIGNATURE),
        new Case(
            "outer algorithm protection attribute",
            Der.flip(sealed, protectedDigestOid(sealed).end() - 1),
            open,
            BAD_SIGNATURE),
        new Case(
            "outer PSS salt length",
            Der.flip(sealed, Forge.signerInfoField(sealed, 4).end() - 1),
            open,
            BAD_SIGNATURE),
        new Case(
            "outer signer serial number",
            flipIn(sealed, Der.child(sealed, Forge.signerInfoField(sealed, 1), 1)),
            open,
            UNKNOWN_SENDER),
        new Case(
            "outer signer issuer name, letter case changed",
            Der.flip(sealed, issuerCommonName(sealed).valueStart(), 0x20),
            open,
            UNKNOWN_SENDER),
        new Case(
            "outer eContentType",
            Der.flip(sealed, Der.path(sealed, 1, 0, 2, 0).end() - 1),
            open,
            WRONG_TYPE));
  }

  /** The outer signature covers the whole envelope: any change there is a digest mismatch. */
  private List<Case> envelopeUnderOuterSignatureCases() {
    byte[] envelope = Forge.envelopeOf(sealed);
    int base = Forge.eContent(sealed).valueStart();
    List<Case> cases = new ArrayList<>();
    for (var field : envelopeFields(envelope).entrySet()) {
      cases.add(
          new Case(
              "envelope " + field.getKey() + " under the outer signature",
              Der.flip(sealed, base + field.getValue().middle()),
              hq::openSealed,
              DIGEST_MISMATCH));
    }
    return cases;
  }

  /** The sender re-signs a tampered envelope: decryption itself must refuse it. */
  private List<Case> envelopeResignedCases() {
    byte[] envelope = Forge.envelopeOf(sealed);
    Tlv hqKey = Forge.wrappedKey(envelope, HQ.certificate());
    Tlv gcmParameters = Der.path(envelope, 1, 0, 2, 1, 1);
    Tlv hqOaepHash = oaepHashOid(envelope, hqKey);
    return List.of(
        resigned("wrapped key for HQ", Der.flip(envelope, hqKey.middle()), hq, DECRYPT_FAILED),
        resigned(
            "wrapped key for the outlet",
            Der.flip(envelope, Forge.wrappedKey(envelope, OUTLET.certificate()).middle()),
            outlet,
            DECRYPT_FAILED),
        resigned("GCM nonce", flipIn(envelope, Forge.gcmNonce(envelope)), hq, DECRYPT_FAILED),
        resigned("ciphertext", flipIn(envelope, Forge.ciphertext(envelope)), hq, DECRYPT_FAILED),
        resigned("GCM tag", flipIn(envelope, Forge.tag(envelope)), hq, DECRYPT_FAILED),
        resigned(
            "first ciphertext byte",
            Der.flip(envelope, Forge.ciphertext(envelope).valueStart()),
            hq,
            DECRYPT_FAILED),
        resigned(
            "GCM tag length parameter",
            Der.flip(envelope, gcmParameters.end() - 1),
            hq,
            DECRYPT_FAILED),
        resigned(
            "OAEP hash parameter for HQ",
            Der.flip(envelope, hqOaepHash.end() - 1, 0x03),
            hq,
            DECRYPT_FAILED),
        resigned(
            "encrypted content type",
            Der.flip(envelope, Der.path(envelope, 1, 0, 2, 0).end() - 1),
            hq,
            MALFORMED));
  }

  /** A valid envelope and outer layer around an inner layer that was changed. */
  private List<Case> innerLayerCases() {
    byte[] inner = Forge.innerSigned(OUTLET, closing());
    return List.of(
        resealed("inner signature", flipIn(inner, Forge.signature(inner)), BAD_SIGNATURE),
        resealed("inner payload", flipIn(inner, Forge.eContent(inner)), DIGEST_MISMATCH),
        resealed(
            "inner messageDigest attribute",
            flipIn(inner, Forge.signedAttribute(inner, CMSAttributes.messageDigest)),
            DIGEST_MISMATCH),
        resealed(
            "inner signingTime attribute",
            flipLastDigit(inner, Forge.signedAttribute(inner, CMSAttributes.signingTime)),
            BAD_SIGNATURE),
        resealed(
            "inner signer serial number",
            flipIn(inner, Der.child(inner, Forge.signerInfoField(inner, 1), 1)),
            UNKNOWN_SENDER),
        resealed("inner payload truncated", Arrays.copyOf(inner, inner.length - 1), MALFORMED));
  }

  private List<Case> signedMessageCases() {
    Open open = outlet::openSigned;
    return List.of(
        new Case("signed: signature", flipIn(signed, Forge.signature(signed)), open, BAD_SIGNATURE),
        new Case("signed: payload", flipIn(signed, Forge.eContent(signed)), open, DIGEST_MISMATCH),
        new Case(
            "signed: messageDigest attribute",
            flipIn(signed, Forge.signedAttribute(signed, CMSAttributes.messageDigest)),
            open,
            DIGEST_MISMATCH),
        new Case(
            "signed: signingTime attribute",
            flipLastDigit(signed, Forge.signedAttribute(signed, CMSAttributes.signingTime)),
            open,
            BAD_SIGNATURE),
        new Case(
            "signed: signer serial number",
            flipIn(signed, Der.child(signed, Forge.signerInfoField(signed, 1), 1)),
            open,
            UNKNOWN_SENDER));
  }

  private List<Case> structureCases() {
    byte[] garbage = new byte[512];
    new SecureRandom().nextBytes(garbage);
    byte[] appended = Arrays.copyOf(sealed, sealed.length + 1);
    return List.of(
        new Case(
            "truncated by one byte",
            Arrays.copyOf(sealed, sealed.length - 1),
            hq::openSealed,
            MALFORMED),
        new Case(
            "truncated to half",
            Arrays.copyOf(sealed, sealed.length / 2),
            hq::openSealed,
            MALFORMED),
        new Case("empty", new byte[0], hq::openSealed, MALFORMED),
        new Case("one byte appended", appended, hq::openSealed, MALFORMED),
        new Case("random bytes", garbage, hq::openSealed, MALFORMED),
        new Case("random bytes as signed", garbage, outlet::openSigned, MALFORMED),
        new Case("outer tag not a SEQUENCE", Der.flip(sealed, 0), hq::openSealed, MALFORMED),
        new Case(
            "outer ContentInfo type",
            Der.flip(sealed, Der.path(sealed, 0).end() - 1),
            hq::openSealed,
            MALFORMED),
        new Case(
            "signed truncated by one byte",
            Arrays.copyOf(signed, signed.length - 1),
            outlet::openSigned,
            MALFORMED));
  }

  private static Map<String, Tlv> envelopeFields(byte[] envelope) {
    Map<String, Tlv> fields = new LinkedHashMap<>();
    fields.put("wrapped key for HQ", Forge.wrappedKey(envelope, HQ.certificate()));
    fields.put("wrapped key for the outlet", Forge.wrappedKey(envelope, OUTLET.certificate()));
    fields.put("GCM nonce", Forge.gcmNonce(envelope));
    fields.put("ciphertext", Forge.ciphertext(envelope));
    fields.put("GCM tag", Forge.tag(envelope));
    return fields;
  }

  private Case resigned(String field, byte[] tamperedEnvelope, CmsOpener opener, Reason reason) {
    return new Case(
        "envelope " + field + ", re-signed by the sender",
        Forge.outer(OUTLET, tamperedEnvelope),
        opener::openSealed,
        reason);
  }

  private Case resealed(String field, byte[] tamperedInner, Reason reason) {
    return new Case(
        field + ", re-encrypted and re-signed by the sender",
        Forge.seal(OUTLET, tamperedInner, HQ.certificate()),
        hq::openSealed,
        reason);
  }

  private static byte[] flipIn(byte[] der, Tlv field) {
    return Der.flip(der, field.middle());
  }

  /** A UTCTime's last seconds digit, XOR 1: still a valid time, one second off. */
  private static byte[] flipLastDigit(byte[] der, Tlv time) {
    return Der.flip(der, time.end() - 2);
  }

  /**
   * The CN value in the SignerInfo's issuer name. Names are compared byte for byte, not the X.500
   * way, so even a change of letter case no longer names the pinned certificate.
   */
  private static Tlv issuerCommonName(byte[] message) {
    Tlv issuer = Der.child(message, Forge.signerInfoField(message, 1), 0);
    Tlv attribute = Der.child(message, Der.child(message, issuer, 0), 0);
    return Der.child(message, attribute, 1);
  }

  /** The digest algorithm OID inside the CMSAlgorithmProtection attribute. */
  private static Tlv protectedDigestOid(byte[] message) {
    Tlv protection = Forge.signedAttribute(message, CMSAttributes.cmsAlgorithmProtect);
    return Der.child(message, Der.child(message, protection, 0), 0);
  }

  /** The hash OID of the OAEP parameters of the recipient info that holds this wrapped key. */
  private static Tlv oaepHashOid(byte[] envelope, Tlv wrappedKey) {
    Tlv recipientInfos = Der.child(envelope, Forge.authEnvelopedData(envelope), 1);
    for (Tlv info : Der.children(envelope, recipientInfos)) {
      if (Der.child(envelope, info, 3).equals(wrappedKey)) {
        Tlv params = Der.child(envelope, Der.child(envelope, info, 2), 1);
        return Der.child(envelope, Der.child(envelope, Der.child(envelope, params, 0), 0), 0);
      }
    }
    throw new IllegalArgumentException("wrapped key not in any recipient info");
  }
}
