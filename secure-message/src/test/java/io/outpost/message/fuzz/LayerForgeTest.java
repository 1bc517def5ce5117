package io.outpost.message.fuzz;

import static io.outpost.message.fuzz.FuzzParties.AT_HQ;
import static io.outpost.message.fuzz.FuzzParties.HQ;
import static io.outpost.message.fuzz.FuzzParties.OUTLET;
import static io.outpost.message.fuzz.FuzzParties.OUTLET_SEALER;
import static io.outpost.message.fuzz.Genuine.CLOSING;
import static io.outpost.message.fuzz.Genuine.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outpost.message.SecureMessageException;
import io.outpost.message.SecureMessageException.Reason;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.junit.jupiter.api.Test;

/**
 * The forge makes layers HQ accepts, so the fuzz targets built on it reach past the signatures; and
 * what it wraps still has to verify on its own.
 */
class LayerForgeTest {

  @Test
  void sealAround_genuineInnerLayer_opensAtHq() throws Exception {
    byte[] message = LayerForge.sealAround(OUTLET, OUTLET_SEALER.sign(json(CLOSING)));

    assertThat(AT_HQ.openClosing(message).payload()).isEqualTo(CLOSING);
  }

  @Test
  void outer_envelopeOfAGenuineMessage_opensAtHq() throws Exception {
    byte[] envelope = LayerForge.encapsulated(Genuine.sealed(CLOSING));

    assertThat(AT_HQ.openClosing(LayerForge.outer(OUTLET, envelope)).payload()).isEqualTo(CLOSING);
  }

  @Test
  void envelope_forAnotherPartyOnly_throwsNotForUs() {
    byte[] message =
        LayerForge.outer(
            OUTLET, LayerForge.envelope(OUTLET_SEALER.sign(json(CLOSING)), OUTLET.certificate()));

    assertThatThrownBy(() -> AT_HQ.openClosing(message))
        .isInstanceOfSatisfying(
            SecureMessageException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOR_US));
  }

  @Test
  void sealAround_innerLayerSignedByHq_throwsSenderMismatch() {
    byte[] message =
        LayerForge.sealAround(
            OUTLET, LayerForge.signed(HQ, json(CLOSING), CMSObjectIdentifiers.data));

    assertThatThrownBy(() -> AT_HQ.openClosing(message))
        .isInstanceOfSatisfying(
            SecureMessageException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.SENDER_MISMATCH));
  }
}
