package io.outpost.message.payload;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Random and mutated documents make the codec decode or refuse, never fail otherwise. */
class PayloadCodecPropertyTest {

  private static final PayloadCodec CODEC = new PayloadCodec();
  private static final byte[] CLOSING = CODEC.encode(SamplePayloads.closing());

  /** Pieces of JSON, payload vocabulary and troublesome values to build documents from. */
  private static final List<String> TOKENS =
      List.of(
          "{",
          "}",
          "[",
          "]",
          ":",
          ",",
          " ",
          "\"",
          "\\",
          "null",
          "true",
          "false",
          "0",
          "-0",
          "-1",
          "1.5",
          "1e3",
          "1e999",
          "-9223372036854775809",
          "9223372036854775807",
          "99999999999999999999999999999999999",
          "NaN",
          "\"\"",
          "\"\\ud800\"",
          "\"\\u0000\"",
          "\"schema\"",
          "\"outpost.closing/1\"",
          "\"outpost.menu/1\"",
          "\"outpost.receipt/1\"",
          "\"outpost.menu-request/1\"",
          "\"lines\"",
          "\"sku\"",
          "\"quantity\"",
          "\"amount\"",
          "\"total\"",
          "\"messageId\"",
          "\"amends\"",
          "\"previousDigest\"",
          "\"currency\"",
          "\"EUR\"",
          "\"XXX\"",
          "\"2024-05-01\"",
          "\"2024-05-01T21:30:00Z\"",
          "\"3f1c2a9e-7d4b-4e8f-9a6c-2b5d8e1f0a37\"",
          "\"outlet-042\"",
          "\"hq\"",
          "é",
          "\u20ac",
          "\uFEFF",
          "/*",
          "[[[[[[[[[[",
          "]]]]]]]]]]",
          "{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{}}}}}}");

  @Property(tries = 1000)
  void decode_randomBytes_throwsOnlyPayloadException(@ForAll("randomBytes") byte[] json) {
    assertDecodesOrThrowsPayloadException(json);
  }

  @Property(tries = 1000)
  void decode_jsonishText_throwsOnlyPayloadException(@ForAll("jsonishText") byte[] json) {
    assertDecodesOrThrowsPayloadException(json);
  }

  @Property(tries = 3000)
  void decode_mutatedClosing_decodesOrThrowsPayloadException(
      @ForAll("mutatedClosings") byte[] json) {
    assertDecodesOrThrowsPayloadException(json);
  }

  @Provide
  Arbitrary<byte[]> randomBytes() {
    return Arbitraries.bytes().array(byte[].class).ofMaxSize(400);
  }

  @Provide
  Arbitrary<byte[]> jsonishText() {
    return Arbitraries.of(TOKENS)
        .list()
        .ofMaxSize(80)
        .map(tokens -> String.join("", tokens).getBytes(UTF_8));
  }

  @Provide
  Arbitrary<byte[]> mutatedClosings() {
    Arbitrary<Mutation> mutation =
        Combinators.combine(
                Arbitraries.of(Mutation.Kind.class),
                Arbitraries.integers().greaterOrEqual(0),
                Arbitraries.integers().between(1, 64),
                Arbitraries.of(TOKENS))
            .as(Mutation::new);
    return mutation
        .list()
        .ofMinSize(1)
        .ofMaxSize(4)
        .map(
            mutations -> {
              byte[] json = CLOSING;
              for (Mutation m : mutations) {
                json = m.apply(json);
              }
              return json;
            });
  }

  /**
   * Any outcome but a PayloadException or a decoded payload that survives a second round trip fails
   * the property.
   */
  private static void assertDecodesOrThrowsPayloadException(byte[] json) {
    Closing closing = decodedOrNull(() -> CODEC.decode(json, Closing.class));
    if (closing != null) {
      assertThat(roundTrip(closing)).isEqualTo(closing);
    }
    Payload payload = decodedOrNull(() -> CODEC.decodeAny(json));
    if (payload != null) {
      assertThat(roundTrip(payload)).isEqualTo(payload);
    }
    SalesDay day = decodedOrNull(() -> CODEC.decodeSalesDay(json));
    if (day != null) {
      assertThat(roundTrip(day)).isEqualTo(day);
    }
    decodedOrNull(() -> CODEC.schemaOf(json));
  }

  private static Payload roundTrip(Payload payload) {
    try {
      return CODEC.decodeAny(CODEC.encode(payload));
    } catch (PayloadException e) {
      throw new AssertionError("a decoded payload does not decode again: " + e.getMessage(), e);
    }
  }

  private static SalesDay roundTrip(SalesDay day) {
    try {
      return CODEC.decodeSalesDay(CODEC.encode(day));
    } catch (PayloadException e) {
      throw new AssertionError("a decoded sales day does not decode again: " + e.getMessage(), e);
    }
  }

  private static <T> T decodedOrNull(Decoding<T> decoding) {
    try {
      return decoding.run();
    } catch (PayloadException e) {
      assertThat(e.field()).isNotBlank();
      assertThat(e.problem()).isNotBlank();
      return null;
    }
  }

  /** A call to the codec that may refuse its input. */
  @FunctionalInterface
  private interface Decoding<T> {
    T run() throws PayloadException;
  }

  /** One edit of a document: a byte changed, a range removed or doubled, a token put in. */
  private record Mutation(Kind kind, int seed, int length, String token) {

    enum Kind {
      SET_BYTE,
      DELETE,
      INSERT,
      DUPLICATE,
      REPLACE_VALUE
    }

    byte[] apply(byte[] json) {
      int at = seed % (json.length + 1);
      int end = Math.min(json.length, at + length);
      byte[] insert = token.getBytes(UTF_8);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      switch (kind) {
        case SET_BYTE -> {
          byte[] copy = json.clone();
          if (copy.length > 0) {
            copy[seed % copy.length] = (byte) (seed >>> 8);
          }
          return copy;
        }
        case DELETE -> {
          out.write(json, 0, at);
          out.write(json, end, json.length - end);
        }
        case INSERT -> {
          out.write(json, 0, at);
          out.write(insert, 0, insert.length);
          out.write(json, at, json.length - at);
        }
        case DUPLICATE -> {
          out.write(json, 0, end);
          out.write(json, at, json.length - at);
        }
        case REPLACE_VALUE -> {
          return replaceValue(json, insert);
        }
      }
      return out.toByteArray();
    }

    /** Replaces the value after one of the colons, up to the next comma or closing brace. */
    private byte[] replaceValue(byte[] json, byte[] value) {
      String text = new String(json, UTF_8);
      int colons = (int) text.chars().filter(c -> c == ':').count();
      if (colons == 0) {
        return json;
      }
      int colon = -1;
      for (int i = 0; i <= seed % colons; i++) {
        colon = text.indexOf(':', colon + 1);
      }
      int end = colon + 1;
      while (end < text.length() && text.charAt(end) != ',' && text.charAt(end) != '}') {
        end++;
      }
      return (text.substring(0, colon + 1) + new String(value, UTF_8) + text.substring(end))
          .getBytes(UTF_8);
    }
  }
}
