package io.outpost.message.cms;

import static io.outpost.message.cms.Parties.HQ;
import static io.outpost.message.cms.Parties.closing;
import static org.assertj.core.api.Assertions.assertThat;

import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.junit.jupiter.api.Test;

/**
 * Each primitive runs on the JDK provider chosen for it, never on whatever provider comes first:
 * AES-GCM on SunJCE (AES-NI, about fifty times faster than Bouncy Castle's pure Java), RSA-OAEP on
 * SunJCE with explicit parameters, RSASSA-PSS on SunRsaSign. Bouncy Castle only builds and parses
 * CMS structures.
 */
class CmsProvidersTest {

  @Test
  void contentEncryption_runsOnSunJce() {
    GcmContentEncryptor encryptor = new GcmContentEncryptor(new SecureRandom());

    assertThat(encryptor.provider().getName()).isEqualTo("SunJCE");
  }

  @Test
  void contentDecryption_runsOnSunJce() throws Exception {
    byte[] envelope = Forge.envelopeOf(Parties.outletSealer().seal(closing(), HQ.certificate()));
    AlgorithmIdentifier keyAlgorithm =
        AlgorithmIdentifier.getInstance(
            Der.bytes(envelope, Der.child(envelope, recipientInfoOf(envelope), 2)));
    AlgorithmIdentifier contentAlgorithm =
        AlgorithmIdentifier.getInstance(Der.bytes(envelope, Der.path(envelope, 1, 0, 2, 1)));
    byte[] wrappedKey = Der.value(envelope, Forge.wrappedKey(envelope, HQ.certificate()));

    GcmKeyTransRecipient.Decryptor decryptor =
        new GcmKeyTransRecipient(HQ.privateKey())
            .decryptor(keyAlgorithm, contentAlgorithm, wrappedKey);

    assertThat(decryptor.provider().getName()).isEqualTo("SunJCE");
  }

  @Test
  void keyWrapAndUnwrap_runOnSunJce() throws Exception {
    assertThat(OaepKeyWrapper.newCipher().getProvider().getName()).isEqualTo("SunJCE");
  }

  @Test
  void signatures_runOnSunRsaSign() {
    PssContentSigner signer = new PssContentSigner(HQ.privateKey(), new SecureRandom());

    assertThat(signer.provider().getName()).isEqualTo("SunRsaSign");
  }

  @Test
  void sealAndOpen_withBouncyCastleNotRegistered_work() throws Exception {
    Provider registered = Security.getProvider("BC");
    if (registered != null) {
      Security.removeProvider("BC");
    }
    try {
      byte[] sealed = Parties.outletSealer().seal(closing(), HQ.certificate());
      byte[] signed = Parties.hqSealer().sign(closing());

      assertThat(Parties.hqOpener().openSealed(sealed).payload()).isEqualTo(closing());
      assertThat(Parties.outletOpener().openSigned(signed).payload()).isEqualTo(closing());
      assertThat(Security.getProvider("BC")).isNull();
    } finally {
      if (registered != null) {
        Security.addProvider(registered);
      }
    }
  }

  private static Der.Tlv recipientInfoOf(byte[] envelope) {
    Der.Tlv key = Forge.wrappedKey(envelope, HQ.certificate());
    Der.Tlv recipientInfos = Der.child(envelope, Forge.authEnvelopedData(envelope), 1);
    return Der.children(envelope, recipientInfos).stream()
        .filter(info -> Der.child(envelope, info, 3).equals(key))
        .findFirst()
        .orElseThrow();
  }
}
