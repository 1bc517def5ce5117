package io.outpost.message.fuzz;

import static io.outpost.message.fuzz.FuzzParties.AT_HQ;
import static io.outpost.message.fuzz.FuzzParties.AT_OUTLET;
import static io.outpost.message.fuzz.FuzzParties.HQ;
import static io.outpost.message.fuzz.FuzzParties.HQ_SEALER;
import static io.outpost.message.fuzz.FuzzParties.OTHER_OUTLET_SEALER;
import static io.outpost.message.fuzz.FuzzParties.OUTLET;
import static io.outpost.message.fuzz.FuzzParties.OUTLET_SEALER;
import static io.outpost.message.fuzz.Genuine.CLOSING;
import static io.outpost.message.fuzz.Genuine.NEXT_CLOSING;
import static io.outpost.message.fuzz.Genuine.OTHER_OUTLETS_CLOSING;
import static io.outpost.message.fuzz.Genuine.RECEIPT;
import static io.outpost.message.fuzz.Genuine.json;
import static io.outpost.message.fuzz.OpenOracle.attempt;
import static io.outpost.message.fuzz.Seeds.seed;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.outpost.message.Verified;
import io.outpost.message.payload.Closing;
import java.io.IOException;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes HQ's {@code openClosing} at four depths. The fuzzer's bytes are the whole message; or the
 * envelope, which a pinned outlet then signs; or the inner layer, which is then correctly encrypted
 * for HQ and signed; or the payload, which the outlet seals properly. The wrapping gets the fuzzer
 * past the signatures and the encryption it cannot make, to the parsers and checks behind them.
 *
 * <p>Passing answers: a refusal with a {@code SecureMessageException}; or, for the first three, a
 * closing some party really signed ({@link Genuine}); or, for the payload, exactly the verdict of
 * the codec and of the sender and recipient binding ({@link OpenOracle#requireBinding}).
 */
class ClosingOpenFuzzTest {

  /** Whole messages, as they arrive on the closings queue; the outlet reads its own back too. */
  @MethodSource("messages")
  @FuzzTest
  void openClosing_message(byte[] message) {
    attempt(() -> AT_HQ.openClosing(message))
        .ifPresent(opened -> Genuine.require(opened, Closing.class, HQ.id()));
    attempt(() -> AT_OUTLET.readOwnClosing(message)).ifPresent(ClosingOpenFuzzTest::requireOwn);
  }

  /** Any envelope, signed by a pinned outlet: the decryption layer's parser and checks. */
  @MethodSource("envelopes")
  @FuzzTest
  void openClosing_envelopeSignedByOutlet(byte[] envelope) {
    if (!OpenOracle.worthWrapping(envelope)) {
      return;
    }
    byte[] message = LayerForge.outer(OUTLET, envelope);
    attempt(() -> AT_HQ.openClosing(message))
        .ifPresent(opened -> Genuine.require(opened, Closing.class, HQ.id()));
  }

  /** Any inner layer, correctly encrypted for HQ and signed by a pinned outlet. */
  @MethodSource("innerLayers")
  @FuzzTest
  void openClosing_innerLayerSealedByOutlet(byte[] inner) {
    if (!OpenOracle.worthWrapping(inner)) {
      return;
    }
    byte[] message = LayerForge.sealAround(OUTLET, inner);
    attempt(() -> AT_HQ.openClosing(message))
        .ifPresent(opened -> Genuine.require(opened, Closing.class, HQ.id()));
  }

  /** Any payload, sealed for HQ by a pinned outlet exactly as the outlet's sealer does. */
  @MethodSource("payloads")
  @DictionaryFile(resourcePath = "payloads.dict")
  @FuzzTest
  void openClosing_payloadSealedByOutlet(byte[] json) {
    if (!OpenOracle.worthSealing(json)) {
      return;
    }
    byte[] message = OUTLET_SEALER.seal(json, HQ.certificate());
    OpenOracle.requireBinding(
        json, Closing.class, OUTLET.id(), HQ.id(), () -> AT_HQ.openClosing(message));
  }

  /** What the outlet may read back: a closing it sealed itself, for HQ. */
  private static void requireOwn(Verified<Closing> opened) {
    Genuine.require(opened, Closing.class, HQ.id());
    if (!opened.signerId().equals(OUTLET.id())) {
      throw new AssertionError("the outlet read back " + opened + " as its own");
    }
  }

  static Stream<Arguments> messages() {
    return Stream.of(
        seed("sealed closing", Genuine.sealed(CLOSING)),
        seed("sealed next closing", Genuine.sealed(NEXT_CLOSING)),
        seed("sealed closing of another outlet", Genuine.sealed(OTHER_OUTLETS_CLOSING)),
        seed("closing signed but not sealed", OUTLET_SEALER.sign(json(CLOSING))),
        seed("receipt", Genuine.signedByHq(RECEIPT)));
  }

  static Stream<Arguments> envelopes() {
    return Stream.of(
        seed("envelope of a sealed closing", LayerForge.encapsulated(Genuine.sealed(CLOSING))),
        seed(
            "envelope of another outlet's closing",
            LayerForge.encapsulated(Genuine.sealed(OTHER_OUTLETS_CLOSING))),
        seed(
            "envelope not for HQ",
            LayerForge.envelope(OUTLET_SEALER.sign(json(CLOSING)), OUTLET.certificate())));
  }

  static Stream<Arguments> innerLayers() {
    byte[] inner = OUTLET_SEALER.sign(json(CLOSING));
    return Stream.of(
        seed("inner layer", inner),
        seed("bare inner SignedData", bare(inner)),
        seed("inner layer of the next closing", OUTLET_SEALER.sign(json(NEXT_CLOSING))),
        seed(
            "inner layer by another outlet", OTHER_OUTLET_SEALER.sign(json(OTHER_OUTLETS_CLOSING))),
        seed("inner layer by HQ", HQ_SEALER.sign(json(RECEIPT))));
  }

  static Stream<Arguments> payloads() {
    return Stream.of(
        seed("closing", json(CLOSING)),
        seed("next closing", json(NEXT_CLOSING)),
        seed("closing claiming another outlet", json(OTHER_OUTLETS_CLOSING)),
        seed("closing for another recipient", readdressed(json(CLOSING), "hq-old")),
        seed("receipt", json(RECEIPT)));
  }

  private static byte[] readdressed(byte[] json, String recipient) {
    return new String(json, UTF_8)
        .replace("\"to\":\"hq\"", "\"to\":\"" + recipient + "\"")
        .getBytes(UTF_8);
  }

  /** The SignedData inside its ContentInfo, as RFC 5652 read literally nests layers. */
  private static byte[] bare(byte[] contentInfo) {
    try {
      return ContentInfo.getInstance(ASN1Primitive.fromByteArray(contentInfo))
          .getContent()
          .toASN1Primitive()
          .getEncoded(ASN1Encoding.DER);
    } catch (IOException e) {
      throw new IllegalArgumentException("not a ContentInfo", e);
    }
  }
}
