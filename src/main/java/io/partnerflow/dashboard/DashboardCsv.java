package io.partnerflow.dashboard;

import io.partnerflow.customerpages.CustomerCsv;
import io.partnerflow.dashboard.Table.Cell;
import io.partnerflow.dashboard.Table.Column;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * A dashboard table as CSV, written like the customer exports ({@link CustomerCsv}: RFC 4180,
 * formula-guarded): numeric columns as plain values (hours as decimals), the others as shown.
 */
final class DashboardCsv {

  private DashboardCsv() {}

  static void write(Table table, Writer out) throws IOException {
    List<Column> columns = table.columns();
    CustomerCsv.writeRow(out, columns.stream().map(Column::label).toList());
    for (List<Cell> row : table.rows()) {
      List<String> fields = new ArrayList<>();
      for (int i = 0; i < row.size(); i++) {
        Cell cell = row.get(i);
        fields.add(columns.get(i).numeric() ? cell.plainValue() : cell.text());
      }
      CustomerCsv.writeRow(out, fields);
    }
  }
}
