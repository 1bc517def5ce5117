package io.outpost.hq.jdbc;

import io.outpost.hq.core.ClosingStore;
import io.outpost.hq.core.HqException;
import io.outpost.hq.core.NewClosing;
import io.outpost.hq.core.StoreOutcome.Rejection;
import io.outpost.hq.core.StoreOutcome;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Stores closings with plain SQL. Every rule is checked by a query before the insert: on PostgreSQL
 * a failed statement aborts the whole transaction, so constraints are only the last line of defence
 * against another consumer racing on the same message (that race fails the batch, which is
 * redelivered and then recognised as a duplicate).
 */
final class JdbcClosingStore implements ClosingStore {

  private static final String ORIGINAL_SLOT = "original";

  private final Database database;

  JdbcClosingStore(Database database) {
    this.database = database;
  }

  @Override
  public List<StoreOutcome> store(
      Collection<String> outlets, Iterator<NewClosing> closings, Instant receivedAt)
      throws HqException {
    return database.transaction(
        c -> {
          lockOutlets(c, new TreeSet<>(outlets));
          List<StoreOutcome> outcomes = new ArrayList<>();
          while (closings.hasNext()) {
            outcomes.add(storeOne(c, closings.next(), receivedAt));
          }
          return outcomes;
        });
  }

  /**
   * Locks the outlets' rows in sorted order before anything else of the batch, so that two HQs
   * whose batches share outlets wait for each other instead of deadlocking. An outlet without a row
   * yet is not locked: two HQs inserting it at once fail one batch, which is redelivered.
   */
  private static void lockOutlets(Connection c, SortedSet<String> outlets) throws SQLException {
    if (outlets.isEmpty()) {
      return;
    }
    try (PreparedStatement s =
        c.prepareStatement("SELECT id FROM outlets WHERE id = ? FOR UPDATE")) {
      for (String outlet : outlets) {
        s.setString(1, outlet);
        s.executeQuery().close();
      }
    }
  }

  @Override
  public void check() throws HqException {
    database.transaction(
        c -> {
          try (PreparedStatement s = c.prepareStatement("SELECT 1")) {
            s.executeQuery().close();
          }
          return null;
        });
  }

  private StoreOutcome storeOne(Connection c, NewClosing closing, Instant receivedAt)
      throws SQLException {
    UUID id = closing.messageId();
    String state = receiptState(c, "closings", id);
    if (state != null) {
      requeue(c, "closings", id, state, Sql.DUPLICATE);
      return StoreOutcome.duplicate(id);
    }
    String rejectedState = receiptState(c, "rejected_closings", id);
    if (rejectedState != null) {
      requeue(c, "rejected_closings", id, rejectedState, Sql.PENDING);
      return StoreOutcome.rejected(id, storedRejection(c, id));
    }
    Rejection rejection = ruleBroken(c, closing);
    if (rejection != null) {
      insertRejection(c, closing, rejection, receivedAt);
      return StoreOutcome.rejected(id, rejection);
    }
    advanceOutlet(c, closing, receivedAt);
    long closingNo = insertClosing(c, closing, receivedAt);
    insertEvidence(c, closingNo, closing);
    insertLines(c, closingNo, closing);
    return StoreOutcome.stored(id);
  }

  /** One original closing per outlet and day; an amendment must name a closing of that day. */
  private Rejection ruleBroken(Connection c, NewClosing closing) throws SQLException {
    if (closing.amends() == null) {
      try (PreparedStatement s =
          c.prepareStatement(
              "SELECT message_id FROM closings"
                  + " WHERE outlet_id = ? AND business_date = ? AND day_slot = ?")) {
        s.setString(1, closing.outletId());
        Sql.setDate(s, 2, closing.businessDate());
        s.setString(3, ORIGINAL_SLOT);
        try (ResultSet rows = s.executeQuery()) {
          if (rows.next()) {
            return new Rejection(
                Rejection.DAY_ALREADY_CLOSED,
                "a closing for "
                    + closing.businessDate()
                    + " is already stored ("
                    + rows.getString(1)
                    + "); a correction must be sent as an amendment");
          }
        }
      }
      return null;
    }
    try (PreparedStatement s =
        c.prepareStatement("SELECT outlet_id, business_date FROM closings WHERE message_id = ?")) {
      Sql.setUuid(s, 1, closing.amends());
      try (ResultSet rows = s.executeQuery()) {
        if (!rows.next()) {
          return new Rejection(
              Rejection.AMENDS_UNKNOWN_CLOSING,
              "the amended closing " + closing.amends() + " is not stored at HQ");
        }
        if (!rows.getString("outlet_id").equals(closing.outletId())
            || !Sql.date(rows, "business_date").equals(closing.businessDate())) {
          return new Rejection(
              Rejection.AMENDS_UNKNOWN_CLOSING,
              "the amended closing "
                  + closing.amends()
                  + " is not this outlet's closing for "
                  + closing.businessDate());
        }
      }
    }
    return null;
  }

  private static String receiptState(Connection c, String table, UUID id) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("SELECT receipt_state FROM " + table + " WHERE message_id = ?")) {
      Sql.setUuid(s, 1, id);
      try (ResultSet rows = s.executeQuery()) {
        return rows.next() ? rows.getString(1) : null;
      }
    }
  }

  /**
   * Queues the entry for another receipt; an entry whose first receipt is still pending keeps its
   * original outcome, since that receipt has not been sent yet.
   */
  private static void requeue(Connection c, String table, UUID id, String state, String next)
      throws SQLException {
    if (!Sql.RECEIPTED.equals(state)) {
      return;
    }
    try (PreparedStatement s =
        c.prepareStatement("UPDATE " + table + " SET receipt_state = ? WHERE message_id = ?")) {
      s.setString(1, next);
      Sql.setUuid(s, 2, id);
      s.executeUpdate();
    }
  }

  private static Rejection storedRejection(Connection c, UUID id) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("SELECT reason, detail FROM rejected_closings WHERE message_id = ?")) {
      Sql.setUuid(s, 1, id);
      try (ResultSet rows = s.executeQuery()) {
        rows.next();
        return new Rejection(rows.getString("reason"), rows.getString("detail"));
      }
    }
  }

  private static void insertRejection(
      Connection c, NewClosing closing, Rejection rejection, Instant receivedAt)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO rejected_closings (message_id, outlet_id, business_date, sequence,"
                + " content_digest, reason, detail, received_at, receipt_state)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      Sql.setUuid(s, 1, closing.messageId());
      s.setString(2, closing.outletId());
      Sql.setDate(s, 3, closing.businessDate());
      s.setLong(4, closing.sequence());
      s.setString(5, closing.contentDigest());
      s.setString(6, rejection.code());
      s.setString(7, rejection.detail());
      Sql.setInstant(s, 8, receivedAt);
      s.setString(9, Sql.PENDING);
      s.executeUpdate();
    }
  }

  /** The outlet row follows the highest sequence seen; a late lower one leaves it alone. */
  private static void advanceOutlet(Connection c, NewClosing closing, Instant receivedAt)
      throws SQLException {
    Long lastSequence = null;
    try (PreparedStatement s =
        c.prepareStatement("SELECT last_sequence FROM outlets WHERE id = ? FOR UPDATE")) {
      s.setString(1, closing.outletId());
      try (ResultSet rows = s.executeQuery()) {
        if (rows.next()) {
          lastSequence = rows.getLong(1);
        }
      }
    }
    if (lastSequence == null) {
      try (PreparedStatement s =
          c.prepareStatement(
              "INSERT INTO outlets (id, last_sequence, last_digest, last_seen) VALUES (?, ?, ?,"
                  + " ?)")) {
        s.setString(1, closing.outletId());
        s.setLong(2, closing.sequence());
        s.setString(3, closing.contentDigest());
        Sql.setInstant(s, 4, receivedAt);
        s.executeUpdate();
      }
      return;
    }
    boolean newer = closing.sequence() > lastSequence;
    try (PreparedStatement s =
        c.prepareStatement(
            newer
                ? "UPDATE outlets SET last_sequence = ?, last_digest = ?, last_seen = ? WHERE id ="
                    + " ?"
                : "UPDATE outlets SET last_seen = ? WHERE id = ?")) {
      int i = 1;
      if (newer) {
        s.setLong(i++, closing.sequence());
        s.setString(i++, closing.contentDigest());
      }
      Sql.setInstant(s, i++, receivedAt);
      s.setString(i, closing.outletId());
      s.executeUpdate();
    }
  }

  /** Inserts the closing's row; returns the number its lines refer to it by. */
  private static long insertClosing(Connection c, NewClosing closing, Instant receivedAt)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO closings (message_id, outlet_id, business_date, sequence, previous_digest,"
                + " amends, day_slot, currency, total, content_digest, created_at, received_at,"
                + " receipt_state)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            new String[] {"closing_no"})) {
      Sql.setUuid(s, 1, closing.messageId());
      s.setString(2, closing.outletId());
      Sql.setDate(s, 3, closing.businessDate());
      s.setLong(4, closing.sequence());
      s.setString(5, closing.previousDigest());
      Sql.setUuid(s, 6, closing.amends());
      s.setString(7, closing.amends() == null ? ORIGINAL_SLOT : closing.messageId().toString());
      s.setString(8, closing.currency());
      s.setLong(9, closing.total());
      s.setString(10, closing.contentDigest());
      Sql.setInstant(s, 11, closing.createdAt());
      Sql.setInstant(s, 12, receivedAt);
      s.setString(13, Sql.PENDING);
      s.executeUpdate();
      try (ResultSet keys = s.getGeneratedKeys()) {
        if (!keys.next()) {
          throw new SQLException("the database gave no closing_no for " + closing.messageId());
        }
        return keys.getLong(1);
      }
    }
  }

  private static void insertEvidence(Connection c, long closingNo, NewClosing closing)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("INSERT INTO closing_evidence (closing_no, evidence) VALUES (?, ?)")) {
      s.setLong(1, closingNo);
      s.setBytes(2, closing.evidence());
      s.executeUpdate();
    }
  }

  private static void insertLines(Connection c, long closingNo, NewClosing closing)
      throws SQLException {
    if (closing.lines().isEmpty()) {
      return;
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO closing_lines (closing_no, line_no, sku, name, quantity, unit_price,"
                + " amount) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      int lineNo = 1;
      for (NewClosing.Line line : closing.lines()) {
        s.setLong(1, closingNo);
        s.setInt(2, lineNo++);
        s.setString(3, line.sku());
        s.setString(4, line.name());
        s.setLong(5, line.quantity());
        s.setLong(6, line.unitPrice());
        s.setLong(7, line.amount());
        s.addBatch();
      }
      s.executeBatch();
    }
  }
}
