package io.outpost.message.payload;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * HQ's answer to closings ({@code outpost.receipt/1}): one signature covers the entries for several
 * closings of the one outlet named in {@code to}, each closing named at most once.
 */
public record Receipt(
    String schema,
    UUID messageId,
    String from,
    String to,
    Instant createdAt,
    List<ReceiptEntry> entries)
    implements Payload {

  /** The schema name of this payload. */
  public static final String SCHEMA = "outpost.receipt/1";

  /** The most entries one receipt may carry. */
  public static final int MAX_ENTRIES = 10_000;

  @JsonCreator
  public Receipt {
    Checks.header(schema, SCHEMA, messageId, from, to, createdAt);
    entries = Checks.elements("entries", entries, MAX_ENTRIES);
    Set<UUID> closings = new HashSet<>();
    for (int i = 0; i < entries.size(); i++) {
      if (!closings.add(entries.get(i).messageId())) {
        throw new InvalidFieldException(
            "entries[" + i + "].messageId", "must not repeat a closing named earlier");
      }
    }
  }

  /** A receipt with this type's schema name. */
  public Receipt(
      UUID messageId, String from, String to, Instant createdAt, List<ReceiptEntry> entries) {
    this(SCHEMA, messageId, from, to, createdAt, entries);
  }
}
