package io.outpost.message.fuzz;

import static io.outpost.message.fuzz.Genuine.CLOSING;
import static io.outpost.message.fuzz.Genuine.KEY_ANNOUNCEMENT;
import static io.outpost.message.fuzz.Genuine.MENU;
import static io.outpost.message.fuzz.Genuine.MENU_REQUEST;
import static io.outpost.message.fuzz.Genuine.NEXT_CLOSING;
import static io.outpost.message.fuzz.Genuine.RECEIPT;
import static io.outpost.message.fuzz.Genuine.json;
import static io.outpost.message.fuzz.Seeds.seed;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.outpost.message.payload.Closing;
import io.outpost.message.payload.Payload;
import io.outpost.message.payload.PayloadCodec;
import io.outpost.message.payload.PayloadException;
import io.outpost.message.payload.SalesDay;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes the strict payload codec where untrusted documents enter: {@code decodeAny}, which HQ and
 * outlets run on every verified payload, and {@code decodeSalesDay}, which reads the till's export.
 *
 * <p>Passing answers: a {@link PayloadException} that names a field and a problem; or a decoded
 * value that is what the document's schema says, encodes and decodes back to itself, and (for a
 * sales day) becomes a closing without error.
 */
class PayloadCodecFuzzTest {

  private static final PayloadCodec CODEC = new PayloadCodec();

  /** Any document, as a verified payload reaches the codec at HQ and at the outlets. */
  @MethodSource("payloads")
  @DictionaryFile(resourcePath = "payloads.dict")
  @FuzzTest
  void decodeAny(byte[] json) {
    Payload payload;
    try {
      payload = CODEC.decodeAny(json);
    } catch (PayloadException refused) {
      requireDescribed(refused);
      return;
    }
    try {
      assertThat(CODEC.schemaOf(json)).isEqualTo(payload.schema());
      assertThat(CODEC.decode(json, payload.getClass())).isEqualTo(payload);
      byte[] encoded = CODEC.encode(payload);
      Payload again = CODEC.decodeAny(encoded);
      assertThat(again).isEqualTo(payload);
      assertThat(CODEC.encode(again)).isEqualTo(encoded);
    } catch (PayloadException e) {
      throw new AssertionError("an accepted " + payload.schema() + " does not decode again", e);
    }
  }

  /** Any document, as the till's export reaches the outlet's {@code close}. */
  @MethodSource("salesDays")
  @DictionaryFile(resourcePath = "payloads.dict")
  @FuzzTest
  void decodeSalesDay(byte[] json) {
    SalesDay day;
    try {
      day = CODEC.decodeSalesDay(json);
    } catch (PayloadException refused) {
      requireDescribed(refused);
      return;
    }
    // What the outlet does next with an accepted day: it must not fail on the sales themselves.
    Closing closing =
        day.toClosing(
            UUID.fromString("3f1c2a9e-7d4b-4e8f-9a6c-2b5d8e1f0a37"),
            "outlet-001",
            "hq",
            Instant.parse("2026-05-31T21:30:00Z"),
            1,
            null,
            null);
    try {
      assertThat(CODEC.decodeSalesDay(CODEC.encode(day))).isEqualTo(day);
      assertThat(CODEC.decode(CODEC.encode(closing), Closing.class)).isEqualTo(closing);
    } catch (PayloadException e) {
      throw new AssertionError("an accepted sales day does not survive a round trip", e);
    }
  }

  static Stream<Arguments> payloads() {
    return Stream.of(
        seed("closing", json(CLOSING)),
        seed("next closing", json(NEXT_CLOSING)),
        seed("menu", json(MENU)),
        seed("menu request", json(MENU_REQUEST)),
        seed("receipt", json(RECEIPT)),
        seed("key announcement", json(KEY_ANNOUNCEMENT)));
  }

  static Stream<Arguments> salesDays() {
    return Stream.of(
        seed(
            "sales day",
            ("{\"businessDate\":\"2026-05-31\",\"currency\":\"EUR\",\"lines\":["
                    + "{\"sku\":\"BRG-CLASSIC\",\"name\":\"Classic burger\",\"quantity\":41,"
                    + "\"unitPrice\":890,\"amount\":36490},"
                    + "{\"sku\":\"COF-CAFE-AU-LAIT\",\"name\":\"Café au lait\",\"quantity\":23,"
                    + "\"unitPrice\":310}]}")
                .getBytes(UTF_8)),
        seed(
            "sales day in the till's layout",
            ("{\n  \"businessDate\": \"2026-05-31\",\n  \"currency\": \"JPY\",\n  \"lines\": [\n"
                    + "    {\"sku\": \"RMN-1\", \"name\": \"Ramen\", \"quantity\": 0,"
                    + " \"unitPrice\": 980, \"amount\": null}\n  ]\n}\n")
                .getBytes(UTF_8)));
  }

  /** A field name may be any text, even blank, but the path to it is never empty. */
  private static void requireDescribed(PayloadException refused) {
    if (refused.field() == null
        || refused.field().isEmpty()
        || refused.problem() == null
        || refused.problem().isBlank()) {
      throw new AssertionError("a refusal that names no field or no problem", refused);
    }
  }
}
