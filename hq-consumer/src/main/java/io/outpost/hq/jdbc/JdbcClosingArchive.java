package io.outpost.hq.jdbc;

import io.outpost.hq.core.ClosingArchive;
import io.outpost.hq.core.HqException;
import io.outpost.hq.core.OutletState;
import io.outpost.hq.core.StoredClosing;
import io.outpost.hq.core.StoredReceipt;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Queries over stored closings and receipts. */
final class JdbcClosingArchive implements ClosingArchive {

  private static final String COLUMNS =
      "message_id, outlet_id, business_date, sequence, previous_digest, amends, currency, total,"
          + " content_digest, created_at, received_at";

  private final Database database;

  JdbcClosingArchive(Database database) {
    this.database = database;
  }

  @Override
  public Optional<StoredClosing> find(UUID messageId) throws HqException {
    return database.transaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement("SELECT " + COLUMNS + " FROM closings WHERE message_id = ?")) {
            Sql.setUuid(s, 1, messageId);
            return closings(s).stream().findFirst();
          }
        });
  }

  @Override
  public Optional<byte[]> evidence(UUID messageId) throws HqException {
    return database.transaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT e.evidence FROM closing_evidence e"
                      + " JOIN closings c ON c.closing_no = e.closing_no WHERE c.message_id = ?")) {
            Sql.setUuid(s, 1, messageId);
            try (ResultSet rows = s.executeQuery()) {
              return rows.next() ? Optional.of(rows.getBytes(1)) : Optional.empty();
            }
          }
        });
  }

  @Override
  public List<StoredClosing> forDay(LocalDate businessDate) throws HqException {
    return database.transaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT "
                      + COLUMNS
                      + " FROM closings WHERE business_date = ?"
                      + " ORDER BY outlet_id, sequence, message_id")) {
            Sql.setDate(s, 1, businessDate);
            return closings(s);
          }
        });
  }

  @Override
  public List<StoredClosing> chains() throws HqException {
    return database.transaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT "
                      + COLUMNS
                      + " FROM closings ORDER BY outlet_id, sequence, received_at, message_id")) {
            return closings(s);
          }
        });
  }

  @Override
  public List<OutletState> outlets() throws HqException {
    return database.transaction(
        c -> {
          List<OutletState> outlets = new ArrayList<>();
          try (PreparedStatement s =
                  c.prepareStatement(
                      "SELECT id, last_sequence, last_digest, last_seen FROM outlets ORDER BY id");
              ResultSet rows = s.executeQuery()) {
            while (rows.next()) {
              outlets.add(
                  new OutletState(
                      rows.getString("id"),
                      rows.getLong("last_sequence"),
                      rows.getString("last_digest"),
                      Sql.instant(rows, "last_seen")));
            }
          }
          return outlets;
        });
  }

  @Override
  public List<StoredReceipt> receiptsFor(UUID messageId) throws HqException {
    return database.transaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT r.id, r.outlet_id, r.signed, r.created_at, r.sent_at FROM receipts r"
                      + " JOIN receipt_entries e ON e.receipt_id = r.id"
                      + " WHERE e.message_id = ? ORDER BY r.created_at, r.id")) {
            Sql.setUuid(s, 1, messageId);
            return receipts(s);
          }
        });
  }

  private static List<StoredClosing> closings(PreparedStatement s) throws SQLException {
    List<StoredClosing> closings = new ArrayList<>();
    try (ResultSet rows = s.executeQuery()) {
      while (rows.next()) {
        closings.add(
            new StoredClosing(
                Sql.uuid(rows, "message_id"),
                rows.getString("outlet_id"),
                Sql.date(rows, "business_date"),
                rows.getLong("sequence"),
                rows.getString("previous_digest"),
                Sql.uuid(rows, "amends"),
                rows.getString("currency"),
                rows.getLong("total"),
                rows.getString("content_digest"),
                Sql.instant(rows, "created_at"),
                Sql.instant(rows, "received_at")));
      }
    }
    return closings;
  }

  static List<StoredReceipt> receipts(PreparedStatement s) throws SQLException {
    List<StoredReceipt> receipts = new ArrayList<>();
    try (ResultSet rows = s.executeQuery()) {
      while (rows.next()) {
        receipts.add(
            new StoredReceipt(
                Sql.uuid(rows, "id"),
                rows.getString("outlet_id"),
                rows.getBytes("signed"),
                Sql.instant(rows, "created_at"),
                Sql.instant(rows, "sent_at")));
      }
    }
    return receipts;
  }
}
