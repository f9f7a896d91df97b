package io.partnerflow.dashboard;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reading aggregate rows the same way on H2 and PostgreSQL (whose numeric types differ). */
final class SqlRows {

  private SqlRows() {}

  static long count(ResultSet rs, String column) throws SQLException {
    Object value = rs.getObject(column);
    return value == null ? 0 : ((Number) value).longValue();
  }

  static Double decimal(ResultSet rs, String column) throws SQLException {
    Object value = rs.getObject(column);
    return value == null ? null : ((Number) value).doubleValue();
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp value = rs.getTimestamp(column);
    return value == null ? null : value.toInstant();
  }

  /** Query parameters in order: the lists' elements flattened, single values as they are. */
  static List<Object> params(Object... values) {
    List<Object> flat = new ArrayList<>();
    for (Object value : values) {
      if (value instanceof List<?> list) {
        list.forEach(element -> flat.add(jdbcValue(element)));
      } else {
        flat.add(jdbcValue(value));
      }
    }
    return flat;
  }

  /** Instants as timestamps: PostgreSQL's driver takes no Instant, H2's would take it in UTC. */
  private static Object jdbcValue(Object value) {
    return value instanceof Instant instant ? Timestamp.from(instant) : value;
  }

  /** "?, ?, ?" for n values. */
  static String placeholders(int n) {
    String[] marks = new String[n];
    Arrays.fill(marks, "?");
    return String.join(", ", marks);
  }
}
