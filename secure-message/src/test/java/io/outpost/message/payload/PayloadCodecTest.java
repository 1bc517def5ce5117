package io.outpost.message.payload;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Round trips, known-bad documents and the examples through {@link PayloadCodec}. */
class PayloadCodecTest {

  private static final ObjectMapper PLAIN = new ObjectMapper();

  private final PayloadCodec codec = new PayloadCodec();

  static Stream<Payload> payloads() {
    return Stream.of(
        SamplePayloads.closing(),
        SamplePayloads.menuRequest(),
        SamplePayloads.menu(),
        SamplePayloads.receipt());
  }

  @Test
  void encode_closing_writesCompactUtf8InRecordOrder() {
    String expected =
        "{\"schema\":\"outpost.closing/1\",\"messageId\":\"3f1c2a9e-7d4b-4e8f-9a6c-2b5d8e1f0a37\","
            + "\"from\":\"outlet-042\",\"to\":\"hq\",\"createdAt\":\"2024-05-01T21:30:00Z\","
            + "\"businessDate\":\"2024-05-01\",\"sequence\":7,"
            + "\"previousDigest\":\"5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8\","
            + "\"amends\":null,\"currency\":\"EUR\",\"lines\":[{\"sku\":\"BRG-CLASSIC\",\"name\":\"Classic"
            + " burger\",\"quantity\":41,\"unitPrice\":890,"
            + "\"amount\":36490},{\"sku\":\"WRP-FALAFEL\",\"name\":\"Falafel"
            + " wrap\",\"quantity\":17,\"unitPrice\":750,\"amount\":12750},{\"sku\":\"COF-CAFE-AU-LAIT\",\"name\":\"Café"
            + " au lait\",\"quantity\":23,\"unitPrice\":310,\"amount\":7130}],\"total\":56370}";

    byte[] encoded = codec.encode(SamplePayloads.closing());

    assertThat(new String(encoded, UTF_8)).isEqualTo(expected);
    assertThat(encoded).containsSequence("é".getBytes(UTF_8));
  }

  @ParameterizedTest
  @MethodSource("payloads")
  void decode_encodedPayload_equalsOriginal(Payload payload) throws PayloadException {
    byte[] encoded = codec.encode(payload);

    Payload decoded = codec.decode(encoded, payload.getClass());

    assertThat(decoded).isEqualTo(payload);
    assertThat(codec.encode(decoded)).isEqualTo(encoded);
  }

  @ParameterizedTest
  @MethodSource("payloads")
  void decodeAny_encodedPayload_dispatchesOnSchema(Payload payload) throws PayloadException {
    byte[] encoded = codec.encode(payload);

    assertThat(codec.schemaOf(encoded)).isEqualTo(payload.schema());
    assertThat(codec.decodeAny(encoded)).isEqualTo(payload);
    assertThat(codec.decode(encoded, Payload.class)).isEqualTo(payload);
  }

  @Test
  void decodeSalesDay_encodedSalesDay_equalsOriginal() throws PayloadException {
    SalesDay day = SamplePayloads.salesDay();

    assertThat(codec.decodeSalesDay(codec.encode(day))).isEqualTo(day);
  }

  @Test
  void decodeMenuDraft_encodedDraft_equalsOriginal() throws PayloadException {
    MenuDraft draft = SamplePayloads.menuDraft();

    assertThat(codec.decodeMenuDraft(codec.encode(draft))).isEqualTo(draft);
  }

  @Test
  void decodeSalesDay_linesWithoutAmount_computesAmounts() throws PayloadException {
    String json =
        "{\"businessDate\":\"2024-05-01\",\"currency\":\"EUR\",\"lines\":[{\"sku\":\"BRG-CLASSIC\",\"name\":\"Classic"
            + " burger\",\"quantity\":41,\"unitPrice\":890},{\"sku\":\"WRP-FALAFEL\",\"name\":\"Falafel"
            + " wrap\",\"quantity\":17,\"unitPrice\":750,\"amount\":null},{\"sku\":\"COF-CAFE-AU-LAIT\",\"name\":\"Café"
            + " au lait\",\"quantity\":23,\"unitPrice\":310,\"amount\":7130}]}";

    SalesDay day = codec.decodeSalesDay(json.getBytes(UTF_8));

    assertThat(day.lines()).extracting(SalesLine::amount).containsExactly(36490L, 12750L, 7130L);
    assertThat(day).isEqualTo(SamplePayloads.salesDay());
  }

  @Test
  void decode_documentOfAnotherSchema_throwsNamingSchema() {
    byte[] menu = codec.encode(SamplePayloads.menu());

    assertThatThrownBy(() -> codec.decode(menu, Closing.class))
        .isInstanceOfSatisfying(
            PayloadException.class,
            e -> {
              assertThat(e.field()).isEqualTo("schema");
              assertThat(e.problem()).contains(Closing.SCHEMA);
            });
  }

  @Test
  void decode_largestClosing_isWithinTheLimits() throws PayloadException {
    // 10,000 lines with the longest skus and names, in characters that take 3 bytes in UTF-8.
    List<SalesLine> lines = new ArrayList<>();
    for (int i = 0; i < Closing.MAX_LINES; i++) {
      String sku = String.format("%064d", i);
      String name = "€".repeat(ClosingLine.MAX_NAME_LENGTH);
      lines.add(new SalesLine(sku, name, 999_999, 9_999_999));
    }
    Closing closing =
        new SalesDay(SamplePayloads.BUSINESS_DATE, SamplePayloads.EUR, lines)
            .toClosing(
                UUID.randomUUID(),
                "o".repeat(63),
                "h".repeat(63),
                Instant.parse("2024-05-01T21:30:00.123456789Z"),
                Long.MAX_VALUE,
                SamplePayloads.PREVIOUS_DIGEST,
                SamplePayloads.CLOSING_ID);
    byte[] encoded = codec.encode(closing);

    assertThat(encoded.length).isLessThan(PayloadCodec.MAX_DOCUMENT_BYTES);
    assertThat(codec.decode(encoded, Closing.class)).isEqualTo(closing);
  }

  @Test
  void decode_knownBadDocuments_throwNamingTheField() {
    List<String> failures = new ArrayList<>();
    for (BadDocument bad : badDocuments()) {
      try {
        Object accepted = bad.decoder().decode(bad.json());
        failures.add(bad.name() + ": accepted as " + accepted);
      } catch (PayloadException e) {
        if (!e.field().equals(bad.field()) || !e.problem().contains(bad.problem())) {
          failures.add(
              bad.name()
                  + ": expected "
                  + bad.field()
                  + " ("
                  + bad.problem()
                  + "), got "
                  + e.getMessage());
        }
      } catch (RuntimeException e) {
        failures.add(bad.name() + ": threw " + e);
      }
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void decode_rejectedValue_isNotQuotedInTheMessage() {
    String secret = "987654321";
    List<byte[]> documents =
        List.of(
            closing(doc -> line(doc, 0).put("unitPrice", secret)),
            closing(doc -> line(doc, 0).put("unitPrice", Long.parseLong(secret) + 0.5)),
            closing(doc -> doc.put("messageId", secret)),
            closing(doc -> doc.put("from", "Outlet-" + secret)),
            closing(doc -> doc.put("createdAt", secret)),
            closing(doc -> doc.put("currency", secret)),
            closing(doc -> line(doc, 0).put("amount", Long.parseLong(secret))),
            closing(doc -> doc.put("total", Long.parseLong(secret))),
            text(
                closing(doc -> {}),
                json -> json.replace("\"total\":56370", "\"total\":" + secret + "x")),
            text(closing(doc -> {}), json -> json + secret));
    List<String> leaks = new ArrayList<>();
    for (byte[] document : documents) {
      try {
        codec.decode(document, Closing.class);
        leaks.add("accepted: " + new String(document, UTF_8));
      } catch (PayloadException e) {
        if (e.getMessage().contains(secret)) {
          leaks.add(e.getMessage());
        }
      }
    }
    assertThat(leaks).isEmpty();
  }

  @Test
  void exampleClosing_decodesAsSalesDayOfAtLeast150Lines() throws Exception {
    SalesDay day = codec.decodeSalesDay(Files.readAllBytes(example("closing.json")));

    assertThat(day.lines()).hasSizeGreaterThanOrEqualTo(150);
    Closing closing =
        day.toClosing(
            UUID.randomUUID(), "outlet-042", "hq", SamplePayloads.CREATED_AT, 1, null, null);
    assertThat(codec.decode(codec.encode(closing), Closing.class)).isEqualTo(closing);
  }

  @Test
  void exampleMenu_decodesAndPricesEverySkuSoldInTheExampleClosing() throws Exception {
    MenuDraft draft = codec.decodeMenuDraft(Files.readAllBytes(example("menu.json")));
    SalesDay day = codec.decodeSalesDay(Files.readAllBytes(example("closing.json")));

    Map<String, Long> prices =
        draft.items().stream().collect(Collectors.toMap(MenuItem::sku, MenuItem::price));
    assertThat(day.lines())
        .allSatisfy(line -> assertThat(prices).containsEntry(line.sku(), line.unitPrice()));
    assertThat(day.currency()).isEqualTo(draft.currency());
    Menu menu = draft.toMenu(UUID.randomUUID(), "hq", SamplePayloads.CREATED_AT);
    assertThat(codec.decode(codec.encode(menu), Menu.class)).isEqualTo(menu);
  }

  /** A document the codec must refuse, the field it must name and a part of what it must say. */
  private record BadDocument(
      String name, Decoder decoder, byte[] json, String field, String problem) {}

  /** One of the codec's decoding entry points. */
  @FunctionalInterface
  private interface Decoder {
    Object decode(byte[] json) throws PayloadException;
  }

  private List<BadDocument> badDocuments() {
    Decoder asClosing = json -> codec.decode(json, Closing.class);
    Decoder asMenuRequest = json -> codec.decode(json, MenuRequest.class);
    Decoder asMenu = json -> codec.decode(json, Menu.class);
    Decoder asReceipt = json -> codec.decode(json, Receipt.class);
    Decoder asAny = codec::decodeAny;
    Decoder asSalesDay = codec::decodeSalesDay;
    Decoder asMenuDraft = codec::decodeMenuDraft;
    byte[] closing = codec.encode(SamplePayloads.closing());
    String closingText = new String(closing, UTF_8);
    List<BadDocument> bad = new ArrayList<>();

    // The document as a whole.
    bad.add(new BadDocument("not JSON", asClosing, bytes("closing"), "$", "well-formed"));
    bad.add(new BadDocument("empty", asClosing, new byte[0], "$", "object"));
    bad.add(new BadDocument("array", asAny, bytes("[]"), "$", "object"));
    bad.add(new BadDocument("null", asClosing, bytes("null"), "$", "object"));
    bad.add(new BadDocument("null sales day", asSalesDay, bytes("null"), "$", "object"));
    bad.add(new BadDocument("null menu draft", asMenuDraft, bytes(" null "), "$", "object"));
    bad.add(new BadDocument("truncated", asClosing, Arrays.copyOf(closing, 100), "$", "ends"));
    bad.add(new BadDocument("trailing garbage", asClosing, bytes(closingText + "x"), "$", ""));
    bad.add(
        new BadDocument(
            "second document", asClosing, bytes(closingText + "{}"), "$", "after the document"));
    bad.add(new BadDocument("not UTF-8", asClosing, latin1(closingText), "$", "UTF-8"));
    bad.add(
        new BadDocument(
            "byte order mark", asClosing, bytes("\uFEFF" + closingText), "$", "byte order mark"));
    bad.add(
        new BadDocument(
            "too large", asClosing, new byte[PayloadCodec.MAX_DOCUMENT_BYTES + 1], "$", "at most"));
    bad.add(
        new BadDocument(
            "too deep",
            asAny,
            bytes(
                "{\"x\":" + "[".repeat(20) + "]".repeat(20) + ",\"schema\":\"outpost.closing/1\"}"),
            "$",
            "limits"));
    bad.add(
        new BadDocument(
            "string too long",
            asClosing,
            closing(doc -> line(doc, 0).put("name", "x".repeat(5000))),
            "$",
            "limits"));
    bad.add(
        new BadDocument(
            "comment",
            asClosing,
            bytes(closingText.replace("{\"schema\"", "{/* c */\"schema\"")),
            "$",
            "well-formed"));
    bad.add(
        new BadDocument(
            "NaN", asClosing, bytes(closingText.replace("56370", "NaN")), "total", "well-formed"));

    // Schema.
    bad.add(
        new BadDocument(
            "wrong schema",
            asClosing,
            closing(doc -> doc.put("schema", "outpost.closing/2")),
            "schema",
            Closing.SCHEMA));
    bad.add(
        new BadDocument(
            "unknown schema",
            asAny,
            closing(doc -> doc.put("schema", "outpost.x/1")),
            "schema",
            ""));
    bad.add(
        new BadDocument(
            "missing schema", asAny, closing(doc -> doc.remove("schema")), "schema", "missing"));
    bad.add(
        new BadDocument(
            "schema not a string",
            asAny,
            closing(doc -> doc.put("schema", 1)),
            "schema",
            "string"));

    // Unknown, missing, repeated and null fields.
    bad.add(
        new BadDocument(
            "unknown field",
            asClosing,
            closing(doc -> doc.put("colour", "red")),
            "colour",
            "not a field"));
    bad.add(
        new BadDocument(
            "unknown field in a line",
            asClosing,
            closing(doc -> line(doc, 1).put("discount", 10)),
            "lines[1].discount",
            "not a field"));
    bad.add(
        new BadDocument(
            "missing field",
            asClosing,
            closing(doc -> doc.remove("businessDate")),
            "businessDate",
            "missing"));
    bad.add(
        new BadDocument(
            "missing field in a line",
            asClosing,
            closing(doc -> line(doc, 2).remove("quantity")),
            "lines[2].quantity",
            "missing"));
    bad.add(
        new BadDocument(
            "missing nullable field",
            asClosing,
            closing(doc -> doc.remove("amends")),
            "amends",
            "missing"));
    bad.add(
        new BadDocument(
            "missing primitive",
            asMenuRequest,
            menuRequest(doc -> doc.remove("knownVersion")),
            "knownVersion",
            "missing"));
    bad.add(
        new BadDocument(
            "duplicate key",
            asClosing,
            bytes(closingText.replace("\"total\":56370", "\"total\":56370,\"total\":56370")),
            "total",
            "twice"));
    bad.add(
        new BadDocument(
            "duplicate key in a line",
            asClosing,
            bytes(
                closingText.replace(
                    "\"sku\":\"BRG-CLASSIC\"", "\"sku\":\"A\",\"sku\":\"BRG-CLASSIC\"")),
            "lines[0].sku",
            "twice"));
    bad.add(
        new BadDocument(
            "null field", asClosing, closing(doc -> doc.putNull("currency")), "currency", "null"));
    bad.add(
        new BadDocument(
            "null primitive", asClosing, closing(doc -> doc.putNull("total")), "total", "null"));
    bad.add(
        new BadDocument(
            "null line", asClosing, closing(doc -> lines(doc).insertNull(1)), "lines[1]", "null"));

    // Wrong types and lenient forms.
    bad.add(
        new BadDocument(
            "number for a string",
            asClosing,
            closing(doc -> line(doc, 0).put("sku", 12)),
            "lines[0].sku",
            "a string"));
    bad.add(
        new BadDocument(
            "object for an array",
            asClosing,
            closing(doc -> doc.putObject("lines")),
            "lines",
            "an array"));
    bad.add(
        new BadDocument(
            "single line without array",
            asClosing,
            closing(doc -> doc.set("lines", lines(doc).get(0))),
            "lines",
            "an array"));
    bad.add(
        new BadDocument(
            "string for a line",
            asClosing,
            closing(doc -> lines(doc).set(0, PLAIN.getNodeFactory().textNode("x"))),
            "lines[0]",
            "an object"));
    bad.add(
        new BadDocument(
            "float for an integer",
            asClosing,
            closing(doc -> line(doc, 0).put("quantity", 41.0)),
            "lines[0].quantity",
            "an integer"));
    bad.add(
        new BadDocument(
            "exponent for an integer",
            asClosing,
            bytes(closingText.replace("\"unitPrice\":750", "\"unitPrice\":7.5e2")),
            "lines[1].unitPrice",
            "an integer"));
    bad.add(
        new BadDocument(
            "string for a number",
            asClosing,
            closing(doc -> doc.put("total", "56370")),
            "total",
            "an integer"));
    bad.add(
        new BadDocument(
            "boolean for a number",
            asClosing,
            closing(doc -> doc.put("sequence", true)),
            "sequence",
            "an integer"));
    bad.add(
        new BadDocument(
            "number for an instant",
            asClosing,
            closing(doc -> doc.put("createdAt", 1714599000L)),
            "createdAt",
            "instant"));
    bad.add(
        new BadDocument(
            "instant with an offset",
            asClosing,
            closing(doc -> doc.put("createdAt", "2024-05-01T23:30:00+02:00")),
            "createdAt",
            "instant"));
    bad.add(
        new BadDocument(
            "array for a date",
            asClosing,
            closing(doc -> doc.putArray("businessDate").add(2024).add(5).add(1)),
            "businessDate",
            "date"));
    bad.add(
        new BadDocument(
            "impossible date",
            asClosing,
            closing(doc -> doc.put("businessDate", "2024-02-30")),
            "businessDate",
            "date"));
    bad.add(
        new BadDocument(
            "integer out of range",
            asClosing,
            bytes(closingText.replace("\"sequence\":7", "\"sequence\":99999999999999999999")),
            "sequence",
            "64-bit"));

    // Money.
    bad.add(
        new BadDocument(
            "negative quantity",
            asClosing,
            closing(doc -> line(doc, 0).put("quantity", -41).put("amount", -36490)),
            "lines[0].quantity",
            "at least 0"));
    bad.add(
        new BadDocument(
            "negative unit price",
            asClosing,
            closing(doc -> line(doc, 1).put("unitPrice", -750).put("amount", -12750)),
            "lines[1].unitPrice",
            "at least 0"));
    bad.add(
        new BadDocument(
            "amount mismatch",
            asClosing,
            closing(doc -> line(doc, 1).put("amount", 12751)),
            "lines[1].amount",
            "quantity × unitPrice"));
    bad.add(
        new BadDocument(
            "total mismatch", asClosing, closing(doc -> doc.put("total", 56371)), "total", "sum"));
    bad.add(
        new BadDocument(
            "amount overflow",
            asClosing,
            closing(
                doc ->
                    line(doc, 0)
                        .put("quantity", 4_294_967_296L)
                        .put("unitPrice", 4_294_967_296L)
                        .put("amount", 0)),
            "lines[0].amount",
            "overflows"));
    bad.add(
        new BadDocument(
            "total overflow",
            asClosing,
            closing(
                doc -> {
                  line(doc, 0).put("quantity", 1).put("unitPrice", Long.MAX_VALUE);
                  line(doc, 0).put("amount", Long.MAX_VALUE);
                  line(doc, 1).put("quantity", 1).put("unitPrice", 1).put("amount", 1);
                }),
            "total",
            "overflows"));
    bad.add(
        new BadDocument(
            "unknown currency",
            asClosing,
            closing(doc -> doc.put("currency", "EURO")),
            "currency",
            "ISO 4217"));
    bad.add(
        new BadDocument(
            "lower-case currency",
            asClosing,
            closing(doc -> doc.put("currency", "eur")),
            "currency",
            "ISO 4217"));
    bad.add(
        new BadDocument(
            "padded currency",
            asClosing,
            closing(doc -> doc.put("currency", " EUR")),
            "currency",
            "ISO 4217"));
    bad.add(
        new BadDocument(
            "currency without minor unit",
            asClosing,
            closing(doc -> doc.put("currency", "XXX")),
            "currency",
            "minor unit"));

    // Ids and the closing chain.
    bad.add(
        new BadDocument(
            "bad UUID",
            asClosing,
            closing(doc -> doc.put("messageId", "42")),
            "messageId",
            "UUID"));
    bad.add(
        new BadDocument(
            "upper-case UUID",
            asClosing,
            closing(
                doc -> doc.put("messageId", SamplePayloads.CLOSING_ID.toString().toUpperCase())),
            "messageId",
            "UUID"));
    bad.add(
        new BadDocument(
            "base64 UUID",
            asClosing,
            closing(doc -> doc.put("messageId", "EjRWeJCrze8SNFZ4kKvN7w==")),
            "messageId",
            "UUID"));
    bad.add(
        new BadDocument(
            "bad party id",
            asClosing,
            closing(doc -> doc.put("from", "Outlet_42")),
            "from",
            "party id"));
    bad.add(
        new BadDocument(
            "party id too long",
            asClosing,
            closing(doc -> doc.put("to", "h".repeat(64))),
            "to",
            "party id"));
    bad.add(
        new BadDocument(
            "sender is recipient",
            asClosing,
            closing(doc -> doc.put("to", "outlet-042")),
            "to",
            "other than the sender"));
    bad.add(
        new BadDocument(
            "sequence zero",
            asClosing,
            closing(doc -> doc.put("sequence", 0)),
            "sequence",
            "at least 1"));
    bad.add(
        new BadDocument(
            "no previous digest after the first closing",
            asClosing,
            closing(doc -> doc.putNull("previousDigest")),
            "previousDigest",
            "previous closing's digest"));
    bad.add(
        new BadDocument(
            "previous digest in upper case",
            asClosing,
            closing(doc -> doc.put("previousDigest", SamplePayloads.PREVIOUS_DIGEST.toUpperCase())),
            "previousDigest",
            "lower-case hex"));
    bad.add(
        new BadDocument(
            "previous digest for the first closing",
            asClosing,
            closing(doc -> doc.put("sequence", 1)),
            "previousDigest",
            "sequence is 1"));
    bad.add(
        new BadDocument(
            "closing amends itself",
            asClosing,
            closing(doc -> doc.put("amends", SamplePayloads.CLOSING_ID.toString())),
            "amends",
            "another closing"));

    // Lines.
    bad.add(
        new BadDocument(
            "empty lines", asClosing, closing(doc -> lines(doc).removeAll()), "lines", "empty"));
    bad.add(
        new BadDocument(
            "too many lines",
            asClosing,
            closing(
                doc -> {
                  ObjectNode first = line(doc, 0);
                  lines(doc).removeAll();
                  for (int i = 0; i <= Closing.MAX_LINES; i++) {
                    lines(doc).add(first);
                  }
                  doc.put("total", (Closing.MAX_LINES + 1) * first.get("amount").asLong());
                }),
            "lines",
            "at most 10000"));
    bad.add(
        new BadDocument(
            "blank name",
            asClosing,
            closing(doc -> line(doc, 0).put("name", " ")),
            "lines[0].name",
            "blank"));
    bad.add(
        new BadDocument(
            "name too long",
            asClosing,
            closing(doc -> line(doc, 0).put("name", "x".repeat(201))),
            "lines[0].name",
            "at most 200"));
    bad.add(
        new BadDocument(
            "control character in a name",
            asClosing,
            closing(doc -> line(doc, 2).put("name", "Caf\u001b[2Jé")),
            "lines[2].name",
            "control"));
    bad.add(
        new BadDocument(
            "right-to-left override in a name",
            asClosing,
            closing(doc -> line(doc, 2).put("name", "Caf\u202Eé")),
            "lines[2].name",
            "U+202E"));
    bad.add(
        new BadDocument(
            "zero-width space in an sku",
            asClosing,
            closing(doc -> line(doc, 0).put("sku", "BRG-\u200BCLASSIC")),
            "lines[0].sku",
            "invisible formatting"));
    bad.add(
        new BadDocument(
            "unpaired surrogate in an sku",
            asClosing,
            bytes(closingText.replace("BRG-CLASSIC", "BRG-\\ud800")),
            "lines[0].sku",
            "surrogate"));

    // Menu requests, menus and receipts.
    bad.add(
        new BadDocument(
            "negative known version",
            asMenuRequest,
            menuRequest(doc -> doc.put("knownVersion", -1)),
            "knownVersion",
            "at least 0"));
    bad.add(
        new BadDocument(
            "menu for one outlet",
            asMenu,
            menu(doc -> doc.put("to", "outlet-042")),
            "to",
            Menu.AUDIENCE));
    bad.add(
        new BadDocument(
            "menu version zero",
            asMenu,
            menu(doc -> doc.put("version", 0)),
            "version",
            "at least 1"));
    bad.add(
        new BadDocument(
            "negative price",
            asMenu,
            menu(doc -> item(doc, 2).put("price", -450)),
            "items[2].price",
            "at least 0"));
    bad.add(
        new BadDocument(
            "repeated sku",
            asMenu,
            menu(doc -> item(doc, 2).put("sku", "BRG-CLASSIC")),
            "items[2].sku",
            "repeat"));
    bad.add(
        new BadDocument("no items", asMenu, menu(doc -> items(doc).removeAll()), "items", "empty"));
    bad.add(
        new BadDocument(
            "reason on a stored closing",
            asReceipt,
            receipt(doc -> entry(doc, 0).put("reason", "OK")),
            "entries[0].reason",
            "null unless"));
    bad.add(
        new BadDocument(
            "rejection without reason",
            asReceipt,
            receipt(doc -> entry(doc, 2).putNull("reason")),
            "entries[2].reason",
            "code"));
    bad.add(
        new BadDocument(
            "rejection with detail",
            asReceipt,
            receipt(doc -> entry(doc, 2).put("reason", "expected sequence 4, got 5")),
            "entries[2].reason",
            "code"));
    bad.add(
        new BadDocument(
            "outcome in lower case",
            asReceipt,
            receipt(doc -> entry(doc, 0).put("outcome", "stored")),
            "entries[0].outcome",
            "STORED, DUPLICATE, REJECTED"));
    bad.add(
        new BadDocument(
            "outcome as a number",
            asReceipt,
            receipt(doc -> entry(doc, 0).put("outcome", 0)),
            "entries[0].outcome",
            "one of"));
    bad.add(
        new BadDocument(
            "closing named twice",
            asReceipt,
            receipt(doc -> entry(doc, 1).put("messageId", SamplePayloads.CLOSING_ID.toString())),
            "entries[1].messageId",
            "repeat"));
    bad.add(
        new BadDocument(
            "short content digest",
            asReceipt,
            receipt(doc -> entry(doc, 0).put("contentDigest", "5e88")),
            "entries[0].contentDigest",
            "64"));

    // Sales days and menu drafts.
    bad.add(
        new BadDocument(
            "sales amount mismatch",
            asSalesDay,
            salesDay(doc -> line(doc, 0).put("amount", 1)),
            "lines[0].amount",
            "quantity × unitPrice"));
    bad.add(
        new BadDocument(
            "sales line without quantity",
            asSalesDay,
            salesDay(doc -> line(doc, 1).remove("quantity")),
            "lines[1].quantity",
            "missing"));
    bad.add(
        new BadDocument(
            "sales day without currency",
            asSalesDay,
            salesDay(doc -> doc.remove("currency")),
            "currency",
            "missing"));
    bad.add(
        new BadDocument(
            "sales line with a price field",
            asSalesDay,
            salesDay(doc -> line(doc, 0).put("price", 890)),
            "lines[0].price",
            "not a field"));
    bad.add(
        new BadDocument(
            "sales quantity as float",
            asSalesDay,
            salesDay(doc -> line(doc, 2).put("quantity", 2.5)),
            "lines[2].quantity",
            "an integer"));
    bad.add(new BadDocument("closing as sales day", asSalesDay, closing, "schema", "not a field"));
    bad.add(
        new BadDocument(
            "draft with a header", asMenuDraft, menu(doc -> {}), "schema", "not a field"));
    bad.add(
        new BadDocument(
            "draft without version",
            asMenuDraft,
            menuDraft(doc -> doc.remove("version")),
            "version",
            "missing"));
    return bad;
  }

  private byte[] closing(Consumer<ObjectNode> mutation) {
    return mutate(codec.encode(SamplePayloads.closing()), mutation);
  }

  private byte[] menuRequest(Consumer<ObjectNode> mutation) {
    return mutate(codec.encode(SamplePayloads.menuRequest()), mutation);
  }

  private byte[] menu(Consumer<ObjectNode> mutation) {
    return mutate(codec.encode(SamplePayloads.menu()), mutation);
  }

  private byte[] receipt(Consumer<ObjectNode> mutation) {
    return mutate(codec.encode(SamplePayloads.receipt()), mutation);
  }

  private byte[] salesDay(Consumer<ObjectNode> mutation) {
    return mutate(codec.encode(SamplePayloads.salesDay()), mutation);
  }

  private byte[] menuDraft(Consumer<ObjectNode> mutation) {
    return mutate(codec.encode(SamplePayloads.menuDraft()), mutation);
  }

  private static byte[] mutate(byte[] json, Consumer<ObjectNode> mutation) {
    try {
      ObjectNode doc = (ObjectNode) PLAIN.readTree(json);
      mutation.accept(doc);
      return PLAIN.writeValueAsBytes(doc);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] text(byte[] json, Function<String, String> edit) {
    return bytes(edit.apply(new String(json, UTF_8)));
  }

  private static ArrayNode lines(ObjectNode doc) {
    return (ArrayNode) doc.get("lines");
  }

  private static ObjectNode line(ObjectNode doc, int index) {
    return (ObjectNode) lines(doc).get(index);
  }

  private static ArrayNode items(ObjectNode doc) {
    return (ArrayNode) doc.get("items");
  }

  private static ObjectNode item(ObjectNode doc, int index) {
    return (ObjectNode) items(doc).get(index);
  }

  private static ObjectNode entry(ObjectNode doc, int index) {
    JsonNode entries = doc.get("entries");
    return (ObjectNode) entries.get(index);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(UTF_8);
  }

  private static byte[] latin1(String text) {
    return text.replace("Café", "Caf\u00e9").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  /** Finds the examples directory of the repository from the module's working directory. */
  static Path example(String name) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("examples").resolve(name);
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("no examples/" + name + " above the working directory");
  }
}
