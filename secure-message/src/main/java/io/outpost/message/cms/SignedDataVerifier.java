package io.outpost.message.cms;

import static io.outpost.message.SecureMessageException.Reason.BAD_SIGNATURE;
import static io.outpost.message.SecureMessageException.Reason.DIGEST_MISMATCH;
import static io.outpost.message.SecureMessageException.Reason.EXPIRED;
import static io.outpost.message.SecureMessageException.Reason.MALFORMED;
import static io.outpost.message.SecureMessageException.Reason.REVOKED;
import static io.outpost.message.SecureMessageException.Reason.UNKNOWN_SENDER;
import static io.outpost.message.SecureMessageException.Reason.WRONG_TYPE;

import io.outpost.keystore.Certificates;
import io.outpost.keystore.Identity;
import io.outpost.keystore.PinnedCertificate;
import io.outpost.keystore.TrustStore;
import io.outpost.message.SecureMessageException;
import java.io.IOException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignerDigestMismatchException;
import org.bouncycastle.cms.DefaultCMSSignatureAlgorithmNameGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationVerifier;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;

/**
 * Verifies one SignedData layer against pinned certificates only: the signer is looked up by the
 * SignerInfo's identifier among the trust store's pins and our own certificate, and certificates
 * carried in the message are never read. Checks run cheapest first: structure, signer known, not
 * revoked, valid now, the signature, and last the claimed signing time within the certificate's
 * validity. No private key is involved. Thread-safe.
 */
final class SignedDataVerifier {

  private static final Map<ASN1ObjectIdentifier, String> TYPE_NAMES =
      Map.of(
          CmsProfile.DATA, "id-data",
          CmsProfile.SIGNED_DATA, "id-signedData",
          CmsProfile.AUTH_ENVELOPED_DATA, "id-ct-authEnvelopedData");

  // Read-only once built, so shared by every verifier.
  private static final DefaultCMSSignatureAlgorithmNameGenerator ALGORITHM_NAMES =
      new DefaultCMSSignatureAlgorithmNameGenerator();
  private static final DefaultSignatureAlgorithmIdentifierFinder ALGORITHM_IDS =
      new DefaultSignatureAlgorithmIdentifierFinder();

  private final List<Candidate> candidates;
  private final Clock clock;

  SignedDataVerifier(Identity self, TrustStore trust, Clock clock) {
    this.clock = clock;
    List<Candidate> all = new ArrayList<>();
    for (PinnedCertificate pin : trust.all()) {
      all.add(Candidate.of(pin));
    }
    PinnedCertificate ours = new PinnedCertificate(self.id(), self.certificate(), false);
    if (all.stream().noneMatch(c -> c.pin().fingerprint().equals(ours.fingerprint()))) {
      all.add(Candidate.of(ours));
    }
    this.candidates = List.copyOf(all);
  }

  /** What a verified layer says: who signed, the encapsulated content, and when it was signed. */
  record Verified(PinnedCertificate signer, byte[] content, Instant signingTime) {}

  /**
   * A certificate that may have signed: a pin (or our own), the identifiers it answers to, and its
   * verifier, built once because it is stateless and costly to build per message.
   */
  private record Candidate(
      PinnedCertificate pin, SignerKeyId id, SignerInformationVerifier verifier) {
    static Candidate of(PinnedCertificate pin) {
      return new Candidate(
          pin,
          SignerKeyId.of(holder(pin.certificate())),
          new SignerInformationVerifier(
              ALGORITHM_NAMES,
              ALGORITHM_IDS,
              new PssVerifierProvider(pin.certificate()),
              Sha256Digests.INSTANCE));
    }
  }

  /** A SignedData whose structure was read but whose signature is not yet verified. */
  private record Parsed(
      SignerInformation signer, SignerKeyId signerId, byte[] content, Instant signingTime) {}

  /**
   * Verifies a SignedData that must encapsulate {@code contentType}; {@code layer} names it in
   * messages ("outer SignedData").
   */
  Verified verify(ContentInfo contentInfo, ASN1ObjectIdentifier contentType, String layer)
      throws SecureMessageException {
    Parsed parsed = parse(contentInfo, contentType, layer);
    List<Candidate> matches =
        candidates.stream().filter(c -> parsed.signerId().names(c.id())).toList();
    if (matches.isEmpty()) {
      throw new SecureMessageException(
          UNKNOWN_SENDER,
          layer
              + " was signed by "
              + parsed.signerId()
              + ", which is not a pinned certificate; pin the peer's certificate after comparing"
              + " its fingerprint out of band");
    }
    SecureMessageException first = null;
    for (Candidate candidate : matches) {
      try {
        return check(candidate, parsed, layer);
      } catch (SecureMessageException e) {
        if (first == null) {
          first = e;
        }
      }
    }
    throw first;
  }

  private Parsed parse(ContentInfo contentInfo, ASN1ObjectIdentifier contentType, String layer)
      throws SecureMessageException {
    try {
      CMSSignedData signedData = new CMSSignedData(contentInfo);
      ContentInfo encapsulated =
          SignedData.getInstance(contentInfo.getContent()).getEncapContentInfo();
      if (!contentType.equals(encapsulated.getContentType())) {
        throw new SecureMessageException(
            WRONG_TYPE,
            layer
                + " encapsulates "
                + name(encapsulated.getContentType())
                + " where "
                + name(contentType)
                + " was expected"
                + (isMessageType(encapsulated.getContentType())
                    ? ": a signed message opens with openSigned, a sealed one with openSealed"
                    : ""));
      }
      ASN1Encodable content = encapsulated.getContent();
      if (!(content instanceof ASN1OctetString octets)) {
        throw new SecureMessageException(
            MALFORMED, layer + " does not encapsulate its content as an OCTET STRING");
      }
      Collection<SignerInformation> signers = signedData.getSignerInfos().getSigners();
      if (signers.size() != 1) {
        throw new SecureMessageException(
            MALFORMED, layer + " has " + signers.size() + " signers; the profile has exactly one");
      }
      SignerInformation signer = signers.iterator().next();
      return new Parsed(
          signer, SignerKeyId.of(signer), octets.getOctets(), signingTime(signer, layer));
    } catch (CMSException | RuntimeException e) {
      throw new SecureMessageException(
          MALFORMED, layer + " is not a valid CMS SignedData: " + e.getMessage(), e);
    }
  }

  private static Instant signingTime(SignerInformation signer, String layer)
      throws SecureMessageException {
    AttributeTable attributes = signer.getSignedAttributes();
    if (attributes == null) {
      throw new SecureMessageException(
          MALFORMED, layer + " has no signed attributes; the profile signs them");
    }
    ASN1EncodableVector times = attributes.getAll(CMSAttributes.signingTime);
    if (times.size() != 1) {
      throw new SecureMessageException(
          MALFORMED, layer + " must have exactly one signing time, found " + times.size());
    }
    Attribute time = Attribute.getInstance(times.get(0));
    if (time.getAttrValues().size() != 1) {
      throw new SecureMessageException(MALFORMED, layer + " has a multi-valued signing time");
    }
    return Time.getInstance(time.getAttrValues().getObjectAt(0)).getDate().toInstant();
  }

  private Verified check(Candidate candidate, Parsed parsed, String layer)
      throws SecureMessageException {
    PinnedCertificate pin = candidate.pin();
    X509Certificate certificate = pin.certificate();
    String who = "certificate of '" + pin.peerId() + "' (sha256 " + pin.fingerprint() + ")";
    if (pin.revoked()) {
      throw new SecureMessageException(
          REVOKED, layer + " was signed with the revoked " + who + "; the message is refused");
    }
    Instant now = clock.instant();
    if (!Certificates.isValidAt(certificate, now)) {
      throw new SecureMessageException(
          EXPIRED,
          layer
              + " was signed with the "
              + who
              + ", valid from "
              + certificate.getNotBefore().toInstant()
              + " to "
              + certificate.getNotAfter().toInstant()
              + ", not at "
              + now
              + "; check this host's clock, or have the peer re-key and pin its new certificate");
    }
    boolean valid;
    try {
      valid = parsed.signer().verify(candidate.verifier());
    } catch (CMSSignerDigestMismatchException e) {
      throw new SecureMessageException(
          DIGEST_MISMATCH,
          layer + " content does not match the digest signed by the " + who + ": it was altered",
          e);
    } catch (CMSException | RuntimeException e) {
      throw new SecureMessageException(
          BAD_SIGNATURE,
          layer + " signature cannot be verified with the " + who + ": " + e.getMessage(),
          e);
    }
    if (!valid) {
      throw new SecureMessageException(
          BAD_SIGNATURE, layer + " signature does not verify with the " + who);
    }
    // Checked after the signature, so that a changed signing time reads as a bad signature.
    if (!Certificates.isValidAt(certificate, parsed.signingTime())) {
      throw new SecureMessageException(
          EXPIRED,
          layer
              + " was signed at "
              + parsed.signingTime()
              + ", outside the validity of the "
              + who);
    }
    return new Verified(pin, parsed.content(), parsed.signingTime());
  }

  private static boolean isMessageType(ASN1ObjectIdentifier type) {
    return CmsProfile.DATA.equals(type) || CmsProfile.AUTH_ENVELOPED_DATA.equals(type);
  }

  private static String name(ASN1ObjectIdentifier type) {
    return TYPE_NAMES.getOrDefault(type, type.getId());
  }

  private static X509CertificateHolder holder(X509Certificate certificate) {
    try {
      return new X509CertificateHolder(certificate.getEncoded());
    } catch (CertificateEncodingException | IOException e) {
      throw new IllegalArgumentException(
          "certificate " + certificate.getSubjectX500Principal() + " cannot be encoded", e);
    }
  }
}
