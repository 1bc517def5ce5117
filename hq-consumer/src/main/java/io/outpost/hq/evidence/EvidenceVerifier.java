package io.outpost.hq.evidence;

import io.outpost.hq.core.HqException;
import io.outpost.keystore.PinnedCertificate;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.cert.CertificateEncodingException;
import java.time.Instant;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSVerifierCertificateNotValidException;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OperatorCreationException;

/**
 * Verifies an archived inner SignedData the way an auditor does: against the pinned certificates of
 * the party that should have signed it, and nothing else (certificates inside the message are
 * ignored). Revoked and expired pins still verify here, because the question is who signed then;
 * the result says whether the certificate was revoked since. The certificate must have been valid
 * at the claimed signing time.
 */
public final class EvidenceVerifier {

  private static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();

  private EvidenceVerifier() {}

  /** A verified signature: who, with which pinned certificate, when, over which content. */
  public record Verified(
      PinnedCertificate signer, Instant signingTime, byte[] content, String contentDigest) {

    public Verified {
      Objects.requireNonNull(signer, "signer");
      Objects.requireNonNull(content, "content");
      Objects.requireNonNull(contentDigest, "contentDigest");
    }
  }

  /**
   * Verifies {@code signedData} (a DER ContentInfo) against {@code pins}.
   *
   * @throws HqException VERIFICATION when it is not a SignedData with one signer whose signature
   *     verifies with one of the pins
   */
  public static Verified verify(byte[] signedData, List<PinnedCertificate> pins)
      throws HqException {
    CMSSignedData parsed;
    try {
      parsed = new CMSSignedData(signedData);
    } catch (CMSException | RuntimeException e) {
      throw failed("the evidence is not a CMS SignedData: " + e.getMessage(), e);
    }
    Collection<SignerInformation> signers = parsed.getSignerInfos().getSigners();
    if (signers.size() != 1) {
      throw failed(
          "the evidence has " + signers.size() + " signers; exactly one was expected", null);
    }
    if (parsed.getSignedContent() == null
        || !(parsed.getSignedContent().getContent() instanceof byte[] content)) {
      throw failed("the evidence carries no signed content", null);
    }
    SignerInformation signer = signers.iterator().next();
    String lastProblem = "no pinned certificate matches its signer";
    for (PinnedCertificate pin : pins) {
      X509CertificateHolder holder;
      try {
        holder = new X509CertificateHolder(pin.certificate().getEncoded());
      } catch (CertificateEncodingException | java.io.IOException e) {
        throw new IllegalStateException("a pinned certificate has no DER encoding", e);
      }
      if (!signer.getSID().match(holder)) {
        continue;
      }
      try {
        boolean valid =
            signer.verify(
                new JcaSimpleSignerInfoVerifierBuilder()
                    .setProvider(BOUNCY_CASTLE)
                    .build(pin.certificate()));
        if (valid) {
          return new Verified(pin, signingTime(signer), content, sha256Hex(content));
        }
        lastProblem = "the signature does not verify with certificate " + pin.fingerprint();
      } catch (CMSVerifierCertificateNotValidException e) {
        lastProblem =
            "certificate " + pin.fingerprint() + " was not valid at the claimed signing time";
      } catch (CMSException | OperatorCreationException | RuntimeException e) {
        lastProblem = "the signature does not verify: " + e.getMessage();
      }
    }
    throw failed(lastProblem, null);
  }

  private static Instant signingTime(SignerInformation signer) {
    AttributeTable attributes = signer.getSignedAttributes();
    Attribute attribute = attributes == null ? null : attributes.get(CMSAttributes.signingTime);
    if (attribute == null || attribute.getAttrValues().size() != 1) {
      return null;
    }
    ASN1Encodable value = attribute.getAttrValues().getObjectAt(0);
    return Time.getInstance(value).getDate().toInstant();
  }

  private static String sha256Hex(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static HqException failed(String message, Throwable cause) {
    return new HqException(HqException.Reason.VERIFICATION, message, cause);
  }
}
