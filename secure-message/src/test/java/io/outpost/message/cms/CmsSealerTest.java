package io.outpost.message.cms;

import static io.outpost.message.cms.Parties.CLOCK;
import static io.outpost.message.cms.Parties.HQ;
import static io.outpost.message.cms.Parties.OUTLET;
import static io.outpost.message.cms.Parties.closing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outpost.keystore.TestIdentities;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.Cipher;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.AuthEnvelopedData;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.GCMParameters;
import org.bouncycastle.asn1.cms.IssuerAndSerialNumber;
import org.bouncycastle.asn1.cms.KeyTransRecipientInfo;
import org.bouncycastle.asn1.cms.RecipientInfo;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAESOAEPparams;
import org.bouncycastle.asn1.pkcs.RSASSAPSSparams;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.junit.jupiter.api.Test;

/**
 * The structure the sealer writes, checked field by field against the OpenSSL-compatible profile.
 */
class CmsSealerTest {

  private final CmsSealer outlet = Parties.outletSealer();

  @Test
  void seal_outerLayer_isPssSignedDataOverAuthEnvelopedData() throws Exception {
    byte[] sealed = outlet.seal(closing(), HQ.certificate());

    CMSSignedData outer = new CMSSignedData(sealed);

    assertThat(outer.getSignedContentType()).isEqualTo(CMSObjectIdentifiers.authEnvelopedData);
    assertThat(outer.getSignedContentType().getId()).isEqualTo("1.2.840.113549.1.9.16.1.23");
    assertProfileSignature(outer, CMSObjectIdentifiers.authEnvelopedData);
  }

  @Test
  void seal_envelope_isAesGcmForRecipientAndSelfWithOaepAndNoAuthenticatedAttributes()
      throws Exception {
    byte[] sealed = outlet.seal(closing(), HQ.certificate());

    ContentInfo envelope = ContentInfo.getInstance(Forge.envelopeOf(sealed));
    AuthEnvelopedData data = AuthEnvelopedData.getInstance(envelope.getContent());

    assertThat(envelope.getContentType()).isEqualTo(CMSObjectIdentifiers.authEnvelopedData);
    assertThat(data.getAuthAttrs()).isNull();
    assertThat(data.getAuthEncryptedContentInfo().getContentType())
        .isEqualTo(CMSObjectIdentifiers.data);
    AlgorithmIdentifier content =
        data.getAuthEncryptedContentInfo().getContentEncryptionAlgorithm();
    assertThat(content.getAlgorithm()).isEqualTo(NISTObjectIdentifiers.id_aes256_GCM);
    GCMParameters gcm = GCMParameters.getInstance(content.getParameters());
    assertThat(gcm.getNonce()).hasSize(12);
    assertThat(gcm.getIcvLen()).isEqualTo(16);
    assertThat(data.getMac().getOctets()).hasSize(16);
    List<BigInteger> serials = new ArrayList<>();
    for (ASN1Encodable element : data.getRecipientInfos()) {
      KeyTransRecipientInfo info =
          KeyTransRecipientInfo.getInstance(RecipientInfo.getInstance(element).getInfo());
      assertOaepSha256(info.getKeyEncryptionAlgorithm());
      serials.add(
          IssuerAndSerialNumber.getInstance(info.getRecipientIdentifier().getId())
              .getSerialNumber()
              .getValue());
    }
    assertThat(serials)
        .containsExactlyInAnyOrder(
            HQ.certificate().getSerialNumber(), OUTLET.certificate().getSerialNumber());
  }

  @Test
  void seal_innerLayer_isCompletePssSignedDataContentInfoOverThePayload() throws Exception {
    byte[] inner = Forge.innerOf(outlet.seal(closing(), HQ.certificate()), HQ);

    CMSSignedData signed = new CMSSignedData(inner);

    assertThat(ContentInfo.getInstance(inner).getContentType())
        .isEqualTo(CMSObjectIdentifiers.signedData);
    assertThat(signed.getSignedContentType()).isEqualTo(CMSObjectIdentifiers.data);
    assertThat((byte[]) signed.getSignedContent().getContent()).isEqualTo(closing());
    assertProfileSignature(signed, CMSObjectIdentifiers.data);
  }

  @Test
  void seal_samePayloadTwice_usesFreshKeyAndNonce() throws Exception {
    byte[] first = Forge.envelopeOf(outlet.seal(closing(), HQ.certificate()));
    byte[] second = Forge.envelopeOf(outlet.seal(closing(), HQ.certificate()));

    assertThat(Der.value(first, Forge.gcmNonce(first)))
        .isNotEqualTo(Der.value(second, Forge.gcmNonce(second)));
    assertThat(Der.value(first, Forge.ciphertext(first)))
        .isNotEqualTo(Der.value(second, Forge.ciphertext(second)));
    assertThat(contentKey(first)).hasSize(32).isNotEqualTo(contentKey(second));
  }

  @Test
  void seal_signingTime_comesFromTheClock() throws Exception {
    Instant at = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.SECONDS);
    CmsSealer sealer = new CmsSealer(OUTLET, Clock.fixed(at, ZoneOffset.UTC));

    OpenedMessage opened = Parties.hqOpener().openSealed(sealer.seal(closing(), HQ.certificate()));

    assertThat(opened.signingTime()).isEqualTo(at);
  }

  @Test
  void sign_isOneSignedDataOverThePayload() throws Exception {
    byte[] signed = outlet.sign(closing());

    CMSSignedData data = new CMSSignedData(signed);

    assertThat(data.getSignedContentType()).isEqualTo(CMSObjectIdentifiers.data);
    assertThat((byte[]) data.getSignedContent().getContent()).isEqualTo(closing());
    assertProfileSignature(data, CMSObjectIdentifiers.data);
  }

  @Test
  void seal_recipientCertificateNotValidNow_throws() {
    Instant now = Instant.now();
    X509Certificate expired =
        TestIdentities.valid("hq", now.minus(Duration.ofDays(10)), now.minus(Duration.ofDays(1)))
            .certificate();

    assertThatThrownBy(() -> new CmsSealer(OUTLET, CLOCK).seal(closing(), expired))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not valid");
  }

  /**
   * PSS with SHA-256/MGF1-SHA-256/salt 32, the four signed attributes, our certificate included.
   */
  private static void assertProfileSignature(CMSSignedData data, ASN1ObjectIdentifier contentType)
      throws Exception {
    assertThat(data.getSignerInfos().size()).isEqualTo(1);
    SignerInformation signer = data.getSignerInfos().getSigners().iterator().next();
    assertThat(signer.getDigestAlgOID()).isEqualTo(NISTObjectIdentifiers.id_sha256.getId());
    assertThat(signer.getEncryptionAlgOID()).isEqualTo(PKCSObjectIdentifiers.id_RSASSA_PSS.getId());
    RSASSAPSSparams pss = RSASSAPSSparams.getInstance(signer.getEncryptionAlgParams());
    assertThat(pss.getHashAlgorithm().getAlgorithm()).isEqualTo(NISTObjectIdentifiers.id_sha256);
    assertThat(pss.getMaskGenAlgorithm().getAlgorithm()).isEqualTo(PKCSObjectIdentifiers.id_mgf1);
    assertThat(
            AlgorithmIdentifier.getInstance(pss.getMaskGenAlgorithm().getParameters())
                .getAlgorithm())
        .isEqualTo(NISTObjectIdentifiers.id_sha256);
    assertThat(pss.getSaltLength()).isEqualTo(BigInteger.valueOf(32));
    assertThat(pss.getTrailerField()).isEqualTo(BigInteger.ONE);
    AttributeTable attributes = signer.getSignedAttributes();
    assertThat(attributes.get(CMSAttributes.contentType).getAttrValues().getObjectAt(0))
        .isEqualTo(contentType);
    assertThat(attributes.get(CMSAttributes.messageDigest)).isNotNull();
    assertThat(
            Time.getInstance(
                attributes.get(CMSAttributes.signingTime).getAttrValues().getObjectAt(0)))
        .isNotNull();
    assertThat(attributes.get(CMSAttributes.cmsAlgorithmProtect)).isNotNull();
    assertThat(attributes.size()).isEqualTo(4);
    assertThat(data.getCertificates().getMatches(null))
        .containsExactly(new X509CertificateHolder(OUTLET.certificate().getEncoded()));
    assertThat(
            SignedData.getInstance(data.toASN1Structure().getContent())
                .getEncapContentInfo()
                .getContent())
        .isInstanceOf(ASN1OctetString.class);
  }

  private static void assertOaepSha256(AlgorithmIdentifier algorithm) {
    assertThat(algorithm.getAlgorithm()).isEqualTo(PKCSObjectIdentifiers.id_RSAES_OAEP);
    RSAESOAEPparams oaep = RSAESOAEPparams.getInstance(algorithm.getParameters());
    assertThat(oaep.getHashAlgorithm().getAlgorithm()).isEqualTo(NISTObjectIdentifiers.id_sha256);
    assertThat(oaep.getMaskGenAlgorithm().getAlgorithm()).isEqualTo(PKCSObjectIdentifiers.id_mgf1);
    assertThat(
            AlgorithmIdentifier.getInstance(oaep.getMaskGenAlgorithm().getParameters())
                .getAlgorithm())
        .isEqualTo(NISTObjectIdentifiers.id_sha256);
  }

  /** The AES key HQ unwraps from an envelope, with the JDK directly. */
  private static byte[] contentKey(byte[] envelope) throws Exception {
    Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPPadding", "SunJCE");
    rsa.init(Cipher.DECRYPT_MODE, HQ.privateKey(), CmsProfile.OAEP_SPEC);
    return rsa.doFinal(Der.value(envelope, Forge.wrappedKey(envelope, HQ.certificate())));
  }
}
