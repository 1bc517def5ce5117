package io.outpost.hq.jdbc;

import io.outpost.hq.core.HqException;
import io.outpost.hq.core.IssuedReceipt;
import io.outpost.hq.core.PendingEntry;
import io.outpost.hq.core.ReceiptLedger;
import io.outpost.hq.core.StoreOutcome;
import io.outpost.hq.core.StoredReceipt;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/** Pending receipt entries and signed receipts, in the closings, rejections and receipts tables. */
final class JdbcReceiptLedger implements ReceiptLedger {

  private final Database database;

  JdbcReceiptLedger(Database database) {
    this.database = database;
  }

  @Override
  public List<PendingEntry> pending() throws HqException {
    return database.transaction(
        c -> {
          List<PendingEntry> entries = new ArrayList<>();
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT outlet_id, message_id, content_digest, business_date, sequence,"
                      + " receipt_state FROM closings WHERE receipt_state IN (?, ?)")) {
            s.setString(1, Sql.PENDING);
            s.setString(2, Sql.DUPLICATE);
            try (ResultSet rows = s.executeQuery()) {
              while (rows.next()) {
                StoreOutcome.Kind outcome =
                    Sql.DUPLICATE.equals(rows.getString("receipt_state"))
                        ? StoreOutcome.Kind.DUPLICATE
                        : StoreOutcome.Kind.STORED;
                entries.add(entry(rows, outcome, null));
              }
            }
          }
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT outlet_id, message_id, content_digest, business_date, sequence, reason"
                      + " FROM rejected_closings WHERE receipt_state = ?")) {
            s.setString(1, Sql.PENDING);
            try (ResultSet rows = s.executeQuery()) {
              while (rows.next()) {
                entries.add(entry(rows, StoreOutcome.Kind.REJECTED, rows.getString("reason")));
              }
            }
          }
          entries.sort(
              Comparator.comparing(PendingEntry::outletId)
                  .thenComparingLong(PendingEntry::sequence)
                  .thenComparing(PendingEntry::messageId));
          return entries;
        });
  }

  private static PendingEntry entry(ResultSet rows, StoreOutcome.Kind outcome, String reason)
      throws SQLException {
    return new PendingEntry(
        rows.getString("outlet_id"),
        Sql.uuid(rows, "message_id"),
        rows.getString("content_digest"),
        Sql.date(rows, "business_date"),
        rows.getLong("sequence"),
        outcome,
        reason);
  }

  @Override
  public List<IssuedReceipt> record(List<IssuedReceipt> receipts) throws HqException {
    return database.transaction(
        c -> {
          List<IssuedReceipt> recorded = new ArrayList<>(receipts.size());
          for (IssuedReceipt receipt : receipts) {
            Savepoint before = c.setSavepoint();
            if (recordOne(c, receipt)) {
              c.releaseSavepoint(before);
              recorded.add(receipt);
            } else {
              c.rollback(before);
            }
          }
          return recorded;
        });
  }

  private static boolean recordOne(Connection c, IssuedReceipt receipt) throws SQLException {
    insertReceipt(c, receipt);
    for (PendingEntry entry : receipt.covers()) {
      if (!markAnswered(c, entry)) {
        return false;
      }
      insertEntry(c, receipt.id(), entry);
    }
    return true;
  }

  /** Marks the entry answered only if it is still in the state the receipt was built from. */
  private static boolean markAnswered(Connection c, PendingEntry entry) throws SQLException {
    boolean rejected = entry.outcome() == StoreOutcome.Kind.REJECTED;
    String table = rejected ? "rejected_closings" : "closings";
    String expected = entry.outcome() == StoreOutcome.Kind.DUPLICATE ? Sql.DUPLICATE : Sql.PENDING;
    try (PreparedStatement s =
        c.prepareStatement(
            "UPDATE "
                + table
                + " SET receipt_state = ? WHERE message_id = ? AND receipt_state = ?")) {
      s.setString(1, Sql.RECEIPTED);
      Sql.setUuid(s, 2, entry.messageId());
      s.setString(3, expected);
      return s.executeUpdate() == 1;
    }
  }

  private static void insertReceipt(Connection c, IssuedReceipt receipt) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO receipts (id, outlet_id, signed, created_at, sent_at) VALUES (?, ?, ?, ?,"
                + " NULL)")) {
      Sql.setUuid(s, 1, receipt.id());
      s.setString(2, receipt.outletId());
      s.setBytes(3, receipt.signed());
      Sql.setInstant(s, 4, receipt.createdAt());
      s.executeUpdate();
    }
  }

  private static void insertEntry(Connection c, UUID receiptId, PendingEntry entry)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO receipt_entries (receipt_id, message_id, outcome) VALUES (?, ?, ?)")) {
      Sql.setUuid(s, 1, receiptId);
      Sql.setUuid(s, 2, entry.messageId());
      s.setString(3, entry.outcome().name());
      s.executeUpdate();
    }
  }

  @Override
  public List<StoredReceipt> unsent() throws HqException {
    return database.transaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT id, outlet_id, signed, created_at, sent_at FROM receipts"
                      + " WHERE sent_at IS NULL ORDER BY created_at, id")) {
            return JdbcClosingArchive.receipts(s);
          }
        });
  }

  @Override
  public void markSent(List<UUID> receiptIds, Instant sentAt) throws HqException {
    if (receiptIds.isEmpty()) {
      return;
    }
    database.transaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "UPDATE receipts SET sent_at = ? WHERE id = ? AND sent_at IS NULL")) {
            for (UUID receiptId : receiptIds) {
              Sql.setInstant(s, 1, sentAt);
              Sql.setUuid(s, 2, receiptId);
              s.addBatch();
            }
            s.executeBatch();
          }
          return null;
        });
  }
}
