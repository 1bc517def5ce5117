package io.outpost.message.payload;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The menu HQ publishes ({@code outpost.menu/1}). HQ signs each version once for all outlets, so
 * {@code to} is always {@link #AUDIENCE}; an outlet refuses a version older than the one it holds.
 */
public record Menu(
    String schema,
    UUID messageId,
    String from,
    String to,
    Instant createdAt,
    long version,
    LocalDate validFrom,
    Currency currency,
    List<MenuItem> items)
    implements Payload {

  /** The schema name of this payload. */
  public static final String SCHEMA = "outpost.menu/1";

  /** The recipient of every menu. */
  public static final String AUDIENCE = "outlets";

  /** The most items one menu may carry. */
  public static final int MAX_ITEMS = 10_000;

  @JsonCreator
  public Menu {
    Checks.header(schema, SCHEMA, messageId, from, to, createdAt);
    if (!AUDIENCE.equals(to)) {
      throw new InvalidFieldException("to", "must be \"" + AUDIENCE + "\"");
    }
    items = checkContent(version, validFrom, currency, items);
  }

  /** A menu with this type's schema name. */
  public Menu(
      UUID messageId,
      String from,
      Instant createdAt,
      long version,
      LocalDate validFrom,
      Currency currency,
      List<MenuItem> items) {
    this(SCHEMA, messageId, from, AUDIENCE, createdAt, version, validFrom, currency, items);
  }

  /** Checks what a menu and a menu draft share and returns the items as an immutable list. */
  static List<MenuItem> checkContent(
      long version, LocalDate validFrom, Currency currency, List<MenuItem> items) {
    Checks.atLeast("version", version, 1);
    Checks.date("validFrom", validFrom);
    Checks.currency("currency", currency);
    List<MenuItem> copy = Checks.elements("items", items, MAX_ITEMS);
    Set<String> skus = new HashSet<>();
    for (int i = 0; i < copy.size(); i++) {
      if (!skus.add(copy.get(i).sku())) {
        throw new InvalidFieldException("items[" + i + "].sku", "must not repeat an earlier sku");
      }
    }
    return copy;
  }
}
