package io.outpost.message.cms;

import static io.outpost.message.cms.Parties.HQ;
import static io.outpost.message.cms.Parties.OUTLET;
import static io.outpost.message.cms.Parties.closing;
import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.message.SecureMessageException;
import io.outpost.message.cms.Der.Tlv;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Whatever bytes arrive, the opener answers with a verified message or a SecureMessageException,
 * never another exception.
 *
 * <p>A message with one byte changed is refused, except where the change falls in a field that no
 * signature covers and that the opener does not read: the outer SignedData's version and
 * digestAlgorithms set, its certificates (never trusted: the signer is looked up among pinned
 * certificates), and the SignerInfo's version. Bouncy Castle parses these without checking them and
 * verification does not depend on them. Everything under the outer signature (the whole envelope
 * and so the inner layer) and every field of the SignerInfo except its version is covered. The
 * property asserts exactly that: an accepted mutant changed only such a field and yields the
 * original payload and signer.
 */
class CmsOpenerPropertyTest {

  private static final byte[] SEALED = Parties.outletSealer().seal(closing(), HQ.certificate());
  private static final byte[] SIGNED = Parties.outletSealer().sign(closing());
  private static final CmsOpener OPENER = Parties.hqOpener();

  @Property(tries = 500)
  void openSealed_randomBytes_throwOnlySecureMessageException(
      @ForAll @Size(max = 4096) byte[] bytes) {
    assertRefused(() -> OPENER.openSealed(bytes));
  }

  @Property(tries = 500)
  void openSigned_randomBytes_throwOnlySecureMessageException(
      @ForAll @Size(max = 4096) byte[] bytes) {
    assertRefused(() -> OPENER.openSigned(bytes));
  }

  @Property(tries = 500)
  void openSealed_validPrefixThenRandomBytes_throwOnlySecureMessageException(
      @ForAll("sealedPositions") int cut, @ForAll @Size(max = 512) byte[] tail) {
    byte[] message = Arrays.copyOf(SEALED, cut + tail.length);
    System.arraycopy(tail, 0, message, cut, tail.length);
    // A tail that happens to repeat the message's own last bytes rebuilds the valid message.
    Assume.that(!Arrays.equals(message, SEALED));

    assertRefused(() -> OPENER.openSealed(message));
  }

  @Property(tries = 3000)
  void openSealed_oneByteChanged_refusedUnlessUnsignedAndIgnored(
      @ForAll("sealedPositions") int position, @ForAll @IntRange(min = 1, max = 255) int mask) {
    byte[] mutant = Der.flip(SEALED, position, mask);

    assertRefusedOrHarmless(position, unsignedRanges(SEALED), () -> OPENER.openSealed(mutant));
  }

  @Property(tries = 3000)
  void openSigned_oneByteChanged_refusedUnlessUnsignedAndIgnored(
      @ForAll("signedPositions") int position, @ForAll @IntRange(min = 1, max = 255) int mask) {
    byte[] mutant = Der.flip(SIGNED, position, mask);

    assertRefusedOrHarmless(position, unsignedRanges(SIGNED), () -> OPENER.openSigned(mutant));
  }

  @Provide
  Arbitrary<Integer> sealedPositions() {
    return Arbitraries.integers().between(0, SEALED.length - 1);
  }

  @Provide
  Arbitrary<Integer> signedPositions() {
    return Arbitraries.integers().between(0, SIGNED.length - 1);
  }

  private interface Open {
    OpenedMessage open() throws SecureMessageException;
  }

  private static void assertRefused(Open open) {
    try {
      OpenedMessage opened = open.open();
      throw new AssertionError("random bytes were accepted: " + opened);
    } catch (SecureMessageException expected) {
      assertThat(expected.reason()).isNotNull();
    }
  }

  private static void assertRefusedOrHarmless(int position, List<Tlv> unsigned, Open open) {
    OpenedMessage opened;
    try {
      opened = open.open();
    } catch (SecureMessageException refused) {
      return;
    }
    assertThat(unsigned)
        .as("accepted a change at byte %d, outside the unsigned fields %s", position, unsigned)
        .anySatisfy(field -> assertThat(position).isBetween(field.start(), field.end() - 1));
    assertThat(opened.payload()).isEqualTo(closing());
    assertThat(opened.signer().fingerprint()).isEqualTo(OUTLET.fingerprint());
  }

  /** SignedData version, digestAlgorithms, certificates (and CRLs), SignerInfo version. */
  private static List<Tlv> unsignedRanges(byte[] message) {
    List<Tlv> fields = Der.children(message, Forge.signedData(message));
    List<Tlv> unsigned = new ArrayList<>();
    unsigned.add(fields.get(0));
    unsigned.add(fields.get(1));
    for (Tlv field : fields) {
      if (field.tag() == 0xA0 || field.tag() == 0xA1) {
        unsigned.add(field);
      }
    }
    unsigned.add(Forge.signerInfoField(message, 0));
    return unsigned;
  }
}
