package io.outpost.message.payload;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collection;
import java.util.Currency;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns Jackson's exceptions into {@link PayloadException}s that name the field by its JSON path.
 *
 * <p>Jackson's messages quote the offending input, so they are never passed on: each problem is
 * described anew from the exception's type, path and target type.
 */
final class PayloadErrors {

  // Jackson reports these conditions only in its message text; PayloadCodecTest pins each one.
  private static final Pattern MISSING =
      Pattern.compile("^Missing (?:required )?creator property '([^']+)'");
  private static final String TRAILING = "Trailing token";
  private static final String DUPLICATE = "Duplicate field";

  private PayloadErrors() {}

  static PayloadException from(JacksonException e) {
    if (cause(e, StreamConstraintsException.class) != null) {
      return new PayloadException(
          PayloadException.DOCUMENT,
          "exceeds the limits of a payload (size, nesting, name, string or number length)");
    }
    StreamReadException read = cause(e, StreamReadException.class);
    if (read != null) {
      return fromStream(read);
    }
    if (e instanceof JsonMappingException mapping) {
      return fromMapping(mapping);
    }
    return new PayloadException(PayloadException.DOCUMENT, "is not a valid payload document");
  }

  private static PayloadException fromMapping(JsonMappingException e) {
    String path = path(e.getPath());
    InvalidFieldException invalid = cause(e, InvalidFieldException.class);
    if (invalid != null) {
      return new PayloadException(join(path, invalid.field()), invalid.problem());
    }
    if (e instanceof ValueInstantiationException) {
      throw new IllegalStateException(
          "a payload record failed with an exception other than InvalidFieldException at "
              + field(path),
          e.getCause());
    }
    if (e instanceof UnrecognizedPropertyException) {
      return new PayloadException(field(path), "is not a field of this document");
    }
    if (e instanceof InvalidNullException) {
      return new PayloadException(field(path), "must not be null");
    }
    String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
    Matcher missing = MISSING.matcher(message);
    if (missing.find()) {
      String name = missing.group(1);
      boolean named = path.equals(name) || path.endsWith("." + name);
      return new PayloadException(named ? path : join(path, name), "is missing");
    }
    if (message.startsWith(TRAILING)) {
      return new PayloadException(PayloadException.DOCUMENT, "has content after the document");
    }
    if (e instanceof MismatchedInputException mismatched) {
      return new PayloadException(field(path), "must be " + kind(mismatched.getTargetType()));
    }
    return new PayloadException(field(path), "is not valid");
  }

  private static PayloadException fromStream(StreamReadException e) {
    if (e instanceof JsonEOFException) {
      return new PayloadException(
          PayloadException.DOCUMENT, "ends before the document is complete");
    }
    JsonParser parser = e.getProcessor();
    String path = parser == null ? "" : path(parser.getParsingContext());
    if (e instanceof InputCoercionException) {
      return new PayloadException(field(path), "must be an integer within the 64-bit range");
    }
    String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
    if (message.startsWith(DUPLICATE)) {
      return new PayloadException(field(path), "must not appear twice");
    }
    JsonLocation at = e.getLocation();
    String where =
        at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    return new PayloadException(field(path), "is not well-formed JSON" + where);
  }

  private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  private static String path(List<JsonMappingException.Reference> references) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference reference : references) {
      if (reference.getFieldName() != null) {
        append(path, reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static String path(JsonStreamContext context) {
    Deque<String> parts = new ArrayDeque<>();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inArray()) {
        parts.push("[" + Math.max(c.getCurrentIndex(), 0) + "]");
      } else if (c.getCurrentName() != null) {
        parts.push(c.getCurrentName());
      }
    }
    StringBuilder path = new StringBuilder();
    for (String part : parts) {
      if (part.startsWith("[")) {
        path.append(part);
      } else {
        append(path, part);
      }
    }
    return path.toString();
  }

  private static void append(StringBuilder path, String name) {
    if (path.length() > 0) {
      path.append('.');
    }
    path.append(name);
  }

  /** Joins a path and a field named relative to it, which may itself start with an index. */
  private static String join(String path, String field) {
    if (path.isEmpty()) {
      return field;
    }
    return field.startsWith("[") ? path + field : path + "." + field;
  }

  private static String field(String path) {
    return path.isEmpty() ? PayloadException.DOCUMENT : path;
  }

  private static String kind(Class<?> type) {
    if (type == null) {
      return "of another type";
    }
    if (type == long.class || type == Long.class) {
      return "an integer";
    }
    if (type == String.class) {
      return "a string";
    }
    if (type == UUID.class) {
      return "a lower-case UUID such as 123e4567-e89b-12d3-a456-426614174000";
    }
    if (type == Instant.class) {
      return "a UTC instant such as 2024-05-01T21:30:00Z";
    }
    if (type == LocalDate.class) {
      return "a date such as 2024-05-01";
    }
    if (type == Currency.class) {
      return "an ISO 4217 currency code such as EUR";
    }
    if (type.isEnum()) {
      return "one of "
          + Arrays.stream(type.getEnumConstants())
              .map(Object::toString)
              .collect(Collectors.joining(", "));
    }
    if (Collection.class.isAssignableFrom(type)) {
      return "an array";
    }
    return "an object";
  }
}
