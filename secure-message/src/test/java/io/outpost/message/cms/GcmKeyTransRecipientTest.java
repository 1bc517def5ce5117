package io.outpost.message.cms;

import static io.outpost.message.cms.Parties.HQ;
import static io.outpost.message.cms.Parties.closing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import javax.crypto.AEADBadTagException;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cms.CMSException;
import org.junit.jupiter.api.Test;

/**
 * OpenSSL 3.0 writes the plaintext before it reports a bad GCM tag; this recipient yields no byte
 * of plaintext until the tag has verified.
 */
class GcmKeyTransRecipientTest {

  private final byte[] envelope =
      Forge.envelopeOf(Parties.outletSealer().seal(closing(), HQ.certificate()));

  @Test
  void decrypt_validTag_yieldsTheInnerLayer() throws Exception {
    byte[] plaintext = decryptor().getInputStream(ciphertextAndTag(envelope)).readAllBytes();

    assertThat(plaintext).isEqualTo(Forge.innerOf(Forge.outer(Parties.OUTLET, envelope), HQ));
  }

  @Test
  void decrypt_badTag_releasesNoPlaintextAtAll() throws Exception {
    byte[] tampered = Der.flip(envelope, Forge.tag(envelope).middle());
    InputStream plaintext = decryptor().getInputStream(ciphertextAndTag(tampered));

    assertThatThrownBy(plaintext::read)
        .isInstanceOf(IOException.class)
        .hasCauseInstanceOf(AEADBadTagException.class);
    assertThatThrownBy(() -> plaintext.read(new byte[16], 0, 16)).isInstanceOf(IOException.class);
  }

  @Test
  void decrypt_badCiphertextByte_releasesNoPlaintextAtAll() throws Exception {
    byte[] tampered = Der.flip(envelope, Forge.ciphertext(envelope).valueStart());
    InputStream plaintext = decryptor().getInputStream(ciphertextAndTag(tampered));

    assertThatThrownBy(() -> plaintext.read(new byte[1024], 0, 1024))
        .isInstanceOf(IOException.class)
        .hasCauseInstanceOf(AEADBadTagException.class);
  }

  @Test
  void decryptor_keyTransportOtherThanOaepSha256_refusedBeforeUnwrapping() {
    AlgorithmIdentifier pkcs1 =
        new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE);

    assertThatThrownBy(
            () ->
                new GcmKeyTransRecipient(HQ.privateKey())
                    .decryptor(pkcs1, contentAlgorithm(), wrappedKey()))
        .isInstanceOf(CMSException.class)
        .hasMessageContaining("not RSAES-OAEP");
  }

  private GcmKeyTransRecipient.Decryptor decryptor() throws CMSException {
    return new GcmKeyTransRecipient(HQ.privateKey())
        .decryptor(CmsProfile.OAEP, contentAlgorithm(), wrappedKey());
  }

  private AlgorithmIdentifier contentAlgorithm() {
    return AlgorithmIdentifier.getInstance(Der.bytes(envelope, Der.path(envelope, 1, 0, 2, 1)));
  }

  private byte[] wrappedKey() {
    return Der.value(envelope, Forge.wrappedKey(envelope, HQ.certificate()));
  }

  /** What Bouncy Castle hands the decryptor: the encrypted content followed by the tag. */
  private static InputStream ciphertextAndTag(byte[] envelope) {
    byte[] ciphertext = Der.value(envelope, Forge.ciphertext(envelope));
    byte[] tag = Der.value(envelope, Forge.tag(envelope));
    byte[] joined = new byte[ciphertext.length + tag.length];
    System.arraycopy(ciphertext, 0, joined, 0, ciphertext.length);
    System.arraycopy(tag, 0, joined, ciphertext.length, tag.length);
    return new ByteArrayInputStream(joined);
  }
}
