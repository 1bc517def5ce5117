package io.outpost.message.payload;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Deserializers that accept a value only in the one text form the codec writes.
 *
 * <p>Jackson's own deserializers are lenient in ways a signed document should not be: they take
 * epoch numbers and offsets for instants, arrays for dates, base64 and upper case for UUIDs, and
 * trim currency codes and enum names.
 */
final class CanonicalText<T> extends StdScalarDeserializer<T> {

  private final Class<T> type;
  private final Pattern form;
  private final Function<String, T> parse;

  private CanonicalText(Class<T> type, String form, Function<String, T> parse) {
    super(type);
    this.type = type;
    this.form = Pattern.compile(form);
    this.parse = parse;
  }

  static SimpleModule module() {
    SimpleModule module = new SimpleModule("outpost-canonical-text");
    add(
        module,
        UUID.class,
        "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
        UUID::fromString);
    add(
        module,
        Instant.class,
        "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?Z",
        Instant::parse);
    add(module, LocalDate.class, "[0-9]{4}-[0-9]{2}-[0-9]{2}", LocalDate::parse);
    add(module, Currency.class, "[A-Z]{3}", Currency::getInstance);
    add(module, ReceiptEntry.Outcome.class, "[A-Z][A-Z_]*", ReceiptEntry.Outcome::valueOf);
    return module;
  }

  private static <V> void add(
      SimpleModule module, Class<V> type, String form, Function<String, V> parse) {
    module.addDeserializer(type, new CanonicalText<>(type, form, parse));
  }

  @Override
  public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    if (!p.hasToken(JsonToken.VALUE_STRING)) {
      return type.cast(ctxt.handleUnexpectedToken(type, p));
    }
    String text = p.getText();
    if (form.matcher(text).matches()) {
      try {
        return parse.apply(text);
      } catch (DateTimeException | IllegalArgumentException e) {
        // The form is right but the value is not, such as 2024-02-30 or an unassigned currency.
      }
    }
    return type.cast(ctxt.handleWeirdStringValue(type, text, "not in canonical form"));
  }
}
