package io.outpost.message.fuzz;

import static io.outpost.message.fuzz.FuzzParties.AT_OUTLET;
import static io.outpost.message.fuzz.FuzzParties.HQ;
import static io.outpost.message.fuzz.FuzzParties.HQ_SEALER;
import static io.outpost.message.fuzz.FuzzParties.OUTLET;
import static io.outpost.message.fuzz.FuzzParties.OUTLET_SEALER;
import static io.outpost.message.fuzz.Genuine.CLOSING;
import static io.outpost.message.fuzz.Genuine.MENU;
import static io.outpost.message.fuzz.Genuine.MENU_REQUEST;
import static io.outpost.message.fuzz.Genuine.OTHER_OUTLETS_RECEIPT;
import static io.outpost.message.fuzz.Genuine.RECEIPT;
import static io.outpost.message.fuzz.Genuine.json;
import static io.outpost.message.fuzz.OpenOracle.attempt;
import static io.outpost.message.fuzz.Seeds.seed;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.outpost.message.payload.Menu;
import io.outpost.message.payload.Receipt;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes an outlet's {@code openSigned} for the two kinds it receives from HQ, receipts and menus.
 * The fuzzer's bytes are the whole message, or the payload that HQ then signs properly.
 *
 * <p>Passing answers: a refusal with a {@code SecureMessageException}; or, for whole messages, a
 * receipt or menu HQ really signed ({@link Genuine}); or, for payloads, exactly the verdict of the
 * codec and of the sender and recipient binding ({@link OpenOracle#requireBinding}).
 */
class SignedOpenFuzzTest {

  /** Whole messages, as they arrive on the outlet's inbox, opened as a receipt and as a menu. */
  @MethodSource("messages")
  @FuzzTest
  void openSigned_message(byte[] message) {
    attempt(() -> AT_OUTLET.openSigned(message, Receipt.class))
        .ifPresent(opened -> Genuine.require(opened, Receipt.class, OUTLET.id()));
    attempt(() -> AT_OUTLET.openSigned(message, Menu.class))
        .ifPresent(opened -> Genuine.require(opened, Menu.class, Menu.AUDIENCE));
  }

  /** Any payload, signed by HQ exactly as HQ's sealer does. */
  @MethodSource("payloads")
  @DictionaryFile(resourcePath = "payloads.dict")
  @FuzzTest
  void openSigned_payloadSignedByHq(byte[] json) {
    if (!OpenOracle.worthSealing(json)) {
      return;
    }
    byte[] message = HQ_SEALER.sign(json);
    OpenOracle.requireBinding(
        json,
        Receipt.class,
        HQ.id(),
        OUTLET.id(),
        () -> AT_OUTLET.openSigned(message, Receipt.class));
    OpenOracle.requireBinding(
        json, Menu.class, HQ.id(), Menu.AUDIENCE, () -> AT_OUTLET.openSigned(message, Menu.class));
  }

  static Stream<Arguments> messages() {
    return Stream.of(
        seed("receipt", Genuine.signedByHq(RECEIPT)),
        seed("menu", Genuine.signedByHq(MENU)),
        seed("receipt for another outlet", Genuine.signedByHq(OTHER_OUTLETS_RECEIPT)),
        seed("menu request signed by the outlet", OUTLET_SEALER.sign(json(MENU_REQUEST))),
        seed("sealed closing", Genuine.sealed(CLOSING)));
  }

  static Stream<Arguments> payloads() {
    return Stream.of(
        seed("receipt", json(RECEIPT)),
        seed("menu", json(MENU)),
        seed("receipt for another outlet", json(OTHER_OUTLETS_RECEIPT)),
        seed("menu request", json(MENU_REQUEST)));
  }
}
