package io.outpost.message.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The fuzz parties' keys follow from their seeds alone. Saved fuzz inputs that hold whole messages
 * verify only with these exact keys; if a JDK derives other keys from the same seeds, this test
 * says so instead of those inputs quietly stopping at the signer check.
 */
class FuzzPartiesTest {

  @Test
  void derive_sameId_sameCertificateInEveryRun() {
    assertThat(FuzzParties.HQ.fingerprint())
        .isEqualTo("7896bd51a3b51b6c2557af17a747654a12bb8c0ccd4fce8a93be75500414f723");
    assertThat(FuzzParties.OUTLET.fingerprint())
        .isEqualTo("13a9254df65a4d087e4b2ba857732f0ea700f3b711419c7dfb403000a03977fc");
    assertThat(FuzzParties.OTHER_OUTLET.fingerprint())
        .isEqualTo("36074e98aea5d16dc2b61d60b6ba16a0ca71b694faf546407ddcefc34a05435c");
  }

  @Test
  void derive_differentIds_differentKeys() {
    assertThat(FuzzParties.OUTLET.certificate().getPublicKey())
        .isNotEqualTo(FuzzParties.OTHER_OUTLET.certificate().getPublicKey())
        .isNotEqualTo(FuzzParties.HQ.certificate().getPublicKey());
  }
}
