package io.outpost.outlet;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * What the outbox knows about a sealed closing without opening it. It holds no sales figure.
 *
 * @param contentDigest lower-case hex SHA-256 of the signed closing payload (what HQ's receipt
 *     names and what the next closing carries as its previous digest)
 * @param amends the message id of the closing this one corrects, or null
 */
public record EntryMeta(
    UUID messageId,
    LocalDate businessDate,
    long sequence,
    String contentDigest,
    Instant createdAt,
    UUID amends) {

  public EntryMeta {
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(businessDate, "businessDate");
    Objects.requireNonNull(createdAt, "createdAt");
    if (sequence < 1) {
      throw new IllegalArgumentException("sequence must be at least 1, not " + sequence);
    }
    if (!isHexDigest(contentDigest)) {
      throw new IllegalArgumentException("contentDigest must be 64 lower-case hex digits");
    }
    if (messageId.equals(amends)) {
      throw new IllegalArgumentException("a closing cannot amend itself");
    }
  }

  static boolean isHexDigest(String value) {
    return value != null
        && value.length() == 64
        && value.equals(value.toLowerCase(Locale.ROOT))
        && value.chars().allMatch(HexFormat::isHexDigit);
  }
}
