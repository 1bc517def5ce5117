package io.outpost.message.payload;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** Builds the one strict ObjectMapper behind {@link PayloadCodec}. */
final class PayloadMapper {

  /** Root object, a list, its element objects: anything deeper is not a payload. */
  static final int MAX_NESTING_DEPTH = 8;

  /** Longer than any field name of a payload. */
  static final int MAX_NAME_LENGTH = 64;

  /** Longer than any string value of a payload (names are at most 200 characters). */
  static final int MAX_STRING_LENGTH = 1024;

  /** A long has at most 20 characters; room for a few more so that range errors name the field. */
  static final int MAX_NUMBER_LENGTH = 32;

  /** 10,000 lines of 12 tokens each, with room for the header. */
  static final long MAX_TOKEN_COUNT = 250_000;

  private PayloadMapper() {}

  static ObjectMapper create(int maxDocumentLength) {
    JsonFactory factory =
        JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxDocumentLength(maxDocumentLength)
                    .maxNestingDepth(MAX_NESTING_DEPTH)
                    .maxNameLength(MAX_NAME_LENGTH)
                    .maxStringLength(MAX_STRING_LENGTH)
                    .maxNumberLength(MAX_NUMBER_LENGTH)
                    .maxTokenCount(MAX_TOKEN_COUNT)
                    .build())
            .build();
    return JsonMapper.builder(factory)
        .addModule(new JavaTimeModule())
        // Registered after the JavaTimeModule so that its deserializers take precedence.
        .addModule(CanonicalText.module())
        .enable(
            DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
            DeserializationFeature.FAIL_ON_IGNORED_PROPERTIES,
            DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
            DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES,
            DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS,
            DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .disable(
            DeserializationFeature.ACCEPT_FLOAT_AS_INT,
            DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY,
            DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .enable(MapperFeature.BLOCK_UNSAFE_POLYMORPHIC_BASE_TYPES)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, SerializationFeature.INDENT_OUTPUT)
        // FAIL_ON_NULL_CREATOR_PROPERTIES would also refuse the fields where null means "none"
        // (previousDigest, amends, reason); failing on null by default, with those few marked
        // @JsonSetter(nulls = SET), refuses every other null, in lists too.
        .defaultSetterInfo(JsonSetter.Value.forValueNulls(Nulls.FAIL, Nulls.FAIL))
        .withCoercionConfigDefaults(
            config -> {
              for (CoercionInputShape shape : CoercionInputShape.values()) {
                config.setCoercion(shape, CoercionAction.Fail);
              }
              config.setAcceptBlankAsEmpty(false);
            })
        .build();
  }
}
