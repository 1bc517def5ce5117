package io.outpost.message.payload;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.time.Instant;
import java.util.UUID;

/**
 * An outlet asking HQ for the current menu ({@code outpost.menu-request/1}); {@code knownVersion}
 * is the version the outlet already holds, 0 when it has none.
 */
public record MenuRequest(
    String schema, UUID messageId, String from, String to, Instant createdAt, long knownVersion)
    implements Payload {

  /** The schema name of this payload. */
  public static final String SCHEMA = "outpost.menu-request/1";

  @JsonCreator
  public MenuRequest {
    Checks.header(schema, SCHEMA, messageId, from, to, createdAt);
    Checks.atLeast("knownVersion", knownVersion, 0);
  }

  /** A menu request with this type's schema name. */
  public MenuRequest(UUID messageId, String from, String to, Instant createdAt, long knownVersion) {
    this(SCHEMA, messageId, from, to, createdAt, knownVersion);
  }
}
