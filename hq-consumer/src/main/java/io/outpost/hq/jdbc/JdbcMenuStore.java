package io.outpost.hq.jdbc;

import io.outpost.hq.core.HqException;
import io.outpost.hq.core.MenuStore;
import io.outpost.hq.core.PublishedMenu;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;

/**
 * Signed menus in the menus table; the version is the primary key, so two publishers cannot share
 * one.
 */
final class JdbcMenuStore implements MenuStore {

  private final Database database;

  JdbcMenuStore(Database database) {
    this.database = database;
  }

  @Override
  public Optional<PublishedMenu> current() throws HqException {
    return database.transaction(
        c -> {
          try (PreparedStatement s =
                  c.prepareStatement(
                      "SELECT version, message_id, signed, published_at FROM menus"
                          + " ORDER BY version DESC FETCH FIRST 1 ROWS ONLY");
              ResultSet rows = s.executeQuery()) {
            if (!rows.next()) {
              return Optional.empty();
            }
            return Optional.of(
                new PublishedMenu(
                    rows.getLong("version"),
                    Sql.uuid(rows, "message_id"),
                    rows.getBytes("signed"),
                    Sql.instant(rows, "published_at")));
          }
        });
  }

  @Override
  public PublishedMenu publishNext(MenuSigner signer) throws HqException {
    return database.transaction(
        c -> {
          long next;
          try (PreparedStatement s = c.prepareStatement("SELECT MAX(version) FROM menus");
              ResultSet rows = s.executeQuery()) {
            rows.next();
            next = rows.getLong(1) + 1;
          }
          Signed signed = signer.sign(next);
          if (signed.version() < next) {
            throw new IllegalArgumentException(
                "menu version " + signed.version() + " is not above the current " + (next - 1));
          }
          PublishedMenu menu =
              new PublishedMenu(
                  signed.version(), signed.messageId(), signed.bytes(), Instant.now());
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO menus (version, message_id, signed, published_at) VALUES (?, ?, ?,"
                      + " ?)")) {
            s.setLong(1, menu.version());
            Sql.setUuid(s, 2, menu.messageId());
            s.setBytes(3, menu.signed());
            Sql.setInstant(s, 4, menu.publishedAt());
            s.executeUpdate();
          }
          return menu;
        });
  }
}
