package io.outpost.hq.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Conversions between Java values and the portable column types of the schema. */
final class Sql {

  static final String PENDING = "PENDING";
  static final String DUPLICATE = "DUPLICATE";
  static final String RECEIPTED = "RECEIPTED";

  private Sql() {}

  static void setInstant(PreparedStatement statement, int index, Instant value)
      throws SQLException {
    // Both databases keep microseconds; truncating here makes a stored instant read back equal.
    statement.setObject(
        index,
        value == null ? null : value.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC));
  }

  static Instant instant(ResultSet rows, String column) throws SQLException {
    OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  static void setDate(PreparedStatement statement, int index, LocalDate value) throws SQLException {
    statement.setObject(index, value);
  }

  static LocalDate date(ResultSet rows, String column) throws SQLException {
    return rows.getObject(column, LocalDate.class);
  }

  static void setUuid(PreparedStatement statement, int index, UUID value) throws SQLException {
    statement.setString(index, value == null ? null : value.toString());
  }

  static UUID uuid(ResultSet rows, String column) throws SQLException {
    String value = rows.getString(column);
    return value == null ? null : UUID.fromString(value);
  }
}
