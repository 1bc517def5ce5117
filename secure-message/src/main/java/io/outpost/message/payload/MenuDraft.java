package io.outpost.message.payload;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.UUID;

/** A menu as HQ prepares it for publication: the content of a {@link Menu} without its header. */
public record MenuDraft(
    long version, LocalDate validFrom, Currency currency, List<MenuItem> items) {

  public MenuDraft {
    items = Menu.checkContent(version, validFrom, currency, items);
  }

  /**
   * The menu to sign and publish to {@link Menu#AUDIENCE}.
   *
   * @throws IllegalArgumentException if a header value is not valid for a menu
   */
  public Menu toMenu(UUID messageId, String from, Instant createdAt) {
    return new Menu(messageId, from, createdAt, version, validFrom, currency, items);
  }
}
