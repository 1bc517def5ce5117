package io.outpost.message.payload;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Encodes payloads as compact UTF-8 JSON and decodes them strictly.
 *
 * <p>Encoding is deterministic: fields in record order, no whitespace, timestamps and dates in
 * ISO-8601 text. Decoding accepts exactly one JSON object in UTF-8 with the right schema name and
 * refuses unknown, missing, repeated and null fields, values of the wrong type or in a lenient
 * form, floating-point numbers, and documents past the size and nesting limits. Every refusal is a
 * {@link PayloadException} naming the field; the records' own rules (amounts, totals, ids) apply as
 * well. It does not verify who wrote a document: that is the signature's job.
 *
 * <p>Instances are immutable and thread-safe; they share one configured {@link ObjectMapper}.
 */
public final class PayloadCodec {

  /** The largest document accepted, in bytes. */
  public static final int MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;

  private static final ObjectMapper MAPPER = PayloadMapper.create(MAX_DOCUMENT_BYTES);
  private static final ObjectWriter WRITER = MAPPER.writer();

  private static final Map<String, Class<? extends Payload>> TYPES =
      Map.of(
          Closing.SCHEMA, Closing.class,
          MenuRequest.SCHEMA, MenuRequest.class,
          Menu.SCHEMA, Menu.class,
          Receipt.SCHEMA, Receipt.class,
          KeyAnnouncement.SCHEMA, KeyAnnouncement.class);

  private static final Map<Class<? extends Payload>, String> SCHEMAS =
      Map.of(
          Closing.class, Closing.SCHEMA,
          MenuRequest.class, MenuRequest.SCHEMA,
          Menu.class, Menu.SCHEMA,
          Receipt.class, Receipt.SCHEMA,
          KeyAnnouncement.class, KeyAnnouncement.SCHEMA);

  private static final String KNOWN_SCHEMAS =
      TYPES.keySet().stream().sorted().collect(Collectors.joining(", "));

  private static final ObjectReader MENU_DRAFT = MAPPER.readerFor(MenuDraft.class);

  // A till's export may leave the line amounts out, so SalesDay and SalesLine mark each required
  // field themselves instead.
  private static final ObjectReader SALES_DAY =
      MAPPER
          .readerFor(SalesDay.class)
          .without(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);

  /** The payload as compact UTF-8 JSON. */
  public byte[] encode(Payload payload) {
    return write(Objects.requireNonNull(payload, "payload"));
  }

  /** The sales day as compact UTF-8 JSON, every line with its amount. */
  public byte[] encode(SalesDay day) {
    return write(Objects.requireNonNull(day, "day"));
  }

  /** The menu draft as compact UTF-8 JSON. */
  public byte[] encode(MenuDraft draft) {
    return write(Objects.requireNonNull(draft, "draft"));
  }

  /**
   * Decodes a payload of the given type; {@code Payload.class} accepts any of them.
   *
   * @throws PayloadException if the document is not a valid payload of that type
   */
  public <T extends Payload> T decode(byte[] json, Class<T> type) throws PayloadException {
    Objects.requireNonNull(type, "type");
    String text = text(json);
    String schema = schemaOf(text);
    Class<? extends Payload> actual = TYPES.get(schema);
    if (type == Payload.class) {
      if (actual == null) {
        throw new PayloadException("schema", "must be one of " + KNOWN_SCHEMAS);
      }
      return type.cast(read(MAPPER.readerFor(actual), text));
    }
    if (actual != type) {
      throw new PayloadException("schema", "must be \"" + SCHEMAS.get(type) + "\"");
    }
    return type.cast(read(MAPPER.readerFor(type), text));
  }

  /**
   * Decodes whichever payload the document's schema names.
   *
   * @throws PayloadException if the document is not a valid payload
   */
  public Payload decodeAny(byte[] json) throws PayloadException {
    return decode(json, Payload.class);
  }

  /**
   * The value of the document's top-level {@code schema} field, read without decoding the rest.
   *
   * @throws PayloadException if the document is not a JSON object with a string {@code schema}
   */
  public String schemaOf(byte[] json) throws PayloadException {
    return schemaOf(text(json));
  }

  /**
   * Decodes the sales an outlet hands over to be sealed.
   *
   * @throws PayloadException if the document is not a valid sales day
   */
  public SalesDay decodeSalesDay(byte[] json) throws PayloadException {
    return (SalesDay) read(SALES_DAY, text(json));
  }

  /**
   * Decodes a menu as HQ prepares it for publication.
   *
   * @throws PayloadException if the document is not a valid menu draft
   */
  public MenuDraft decodeMenuDraft(byte[] json) throws PayloadException {
    return (MenuDraft) read(MENU_DRAFT, text(json));
  }

  private static byte[] write(Object value) {
    try {
      return WRITER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a valid payload record could not be encoded", e);
    }
  }

  private static Object read(ObjectReader reader, String text) throws PayloadException {
    Object value;
    try {
      value = reader.readValue(text);
    } catch (JsonProcessingException e) {
      throw PayloadErrors.from(e);
    }
    // Jackson reads a bare JSON null as a null value rather than refusing it.
    if (value == null) {
      throw new PayloadException(PayloadException.DOCUMENT, "must be a JSON object");
    }
    return value;
  }

  private static String schemaOf(String text) throws PayloadException {
    try (JsonParser parser = MAPPER.createParser(text)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new PayloadException(PayloadException.DOCUMENT, "must be a JSON object");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if ("schema".equals(name)) {
          if (value != JsonToken.VALUE_STRING) {
            throw new PayloadException("schema", "must be a string");
          }
          return parser.getText();
        }
        parser.skipChildren();
      }
      throw new PayloadException("schema", "is missing");
    } catch (JsonProcessingException e) {
      throw PayloadErrors.from(e);
    } catch (IOException e) {
      throw new IllegalStateException("reading from a string failed", e);
    }
  }

  /** The document as text, refusing anything but UTF-8 without a byte order mark. */
  private static String text(byte[] json) throws PayloadException {
    Objects.requireNonNull(json, "json");
    if (json.length > MAX_DOCUMENT_BYTES) {
      throw new PayloadException(
          PayloadException.DOCUMENT, "must be at most " + MAX_DOCUMENT_BYTES + " bytes");
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(json))
              .toString();
    } catch (CharacterCodingException e) {
      throw new PayloadException(PayloadException.DOCUMENT, "must be valid UTF-8");
    }
    if (text.startsWith("\uFEFF")) {
      throw new PayloadException(
          PayloadException.DOCUMENT, "must not start with a byte order mark");
    }
    return text;
  }
}
