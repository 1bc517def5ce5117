package io.outpost.message.cms;

import static io.outpost.message.SecureMessageException.Reason.DECRYPT_FAILED;
import static io.outpost.message.SecureMessageException.Reason.MALFORMED;
import static io.outpost.message.SecureMessageException.Reason.NOT_FOR_US;

import io.outpost.keystore.Identity;
import io.outpost.message.SecureMessageException;
import java.util.LinkedHashSet;
import java.util.Set;
import org.bouncycastle.asn1.cms.AuthEnvelopedData;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.EncryptedContentInfo;
import org.bouncycastle.cms.CMSAuthEnvelopedData;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.KeyTransRecipientId;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientId;

/**
 * Decrypts an AuthEnvelopedData addressed to our certificate (by issuer and serial number or by
 * subject key identifier) with our private key. The content is returned only after the AES-GCM tag
 * has verified. Thread-safe.
 */
final class AuthEnvelopeReader {

  private final Identity self;
  private final KeyTransRecipientId ourId;

  AuthEnvelopeReader(Identity self) {
    this.self = self;
    try {
      this.ourId = new JceKeyTransRecipientId(self.certificate());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("our certificate cannot name a CMS recipient", e);
    }
  }

  byte[] decrypt(ContentInfo envelope) throws SecureMessageException {
    RecipientInformation ours;
    int recipients;
    try {
      AuthEnvelopedData structure = AuthEnvelopedData.getInstance(envelope.getContent());
      if (structure.getAuthAttrs() != null) {
        throw new SecureMessageException(
            MALFORMED,
            "the AuthEnvelopedData has authenticated attributes, which the profile excludes");
      }
      EncryptedContentInfo encrypted = structure.getAuthEncryptedContentInfo();
      if (!CmsProfile.DATA.equals(encrypted.getContentType())
          || encrypted.getEncryptedContent() == null) {
        throw new SecureMessageException(
            MALFORMED,
            "the AuthEnvelopedData must carry its encrypted content with content type id-data,"
                + " found "
                + encrypted.getContentType());
      }
      CMSAuthEnvelopedData data = new CMSAuthEnvelopedData(envelope);
      recipients = data.getRecipientInfos().size();
      ours = data.getRecipientInfos().get(ourId);
    } catch (CMSException | RuntimeException e) {
      throw new SecureMessageException(
          MALFORMED, "the AuthEnvelopedData cannot be parsed: " + e.getMessage(), e);
    }
    if (ours == null) {
      throw new SecureMessageException(
          NOT_FOR_US,
          "the message is encrypted for "
              + recipients
              + " recipient(s), none of them our certificate "
              + self.certificate().getSubjectX500Principal()
              + " (sha256 "
              + self.fingerprint()
              + "); it was sealed for another party or for a key we no longer hold");
    }
    try {
      return ours.getContent(new GcmKeyTransRecipient(self.privateKey()));
    } catch (CMSException | RuntimeException e) {
      throw new SecureMessageException(
          DECRYPT_FAILED,
          "the message addressed to us cannot be decrypted (altered after signing, or wrapped"
              + " for a key we do not hold): "
              + causes(e),
          e);
    }
  }

  /** The distinct messages along the cause chain, outermost first. */
  private static String causes(Throwable e) {
    Set<String> messages = new LinkedHashSet<>();
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause.getMessage() != null) {
        messages.add(cause.getMessage());
      }
    }
    return String.join(" / ", messages);
  }
}
