package io.partnerflow.dashboard;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.util.HtmlUtils;

/**
 * One figure of the dashboard as a table: the page shows it (and draws its chart from it), and
 * the same rows are its CSV. A cell has the text people read and, for numbers, the plain value that
 * charts and CSV use (durations in hours, money as a decimal).
 *
 * @param id stable, used in the page's anchors and the CSV's URL
 * @param chart how the page draws it: {@code bar}, {@code stacked}, {@code line}, {@code funnel} or {@code none}
 * @param note how the figure is computed, shown under the table
 */
public record Table(String id, String title, String chart, String note, List<Column> columns, List<List<Cell>> rows) {

  /** A column; {@code numeric} ones are right-aligned, {@code charted} ones drawn in the chart. */
  public record Column(String label, boolean numeric, boolean charted) {}

  /** A cell: its text, its plain value (numbers only, else null) and where it links to (or null). */
  public record Cell(String text, Number value, String href) {

    static Cell text(String text) {
      return new Cell(text == null ? "" : text, null, null);
    }

    static Cell link(String text, String href) {
      return new Cell(text, null, href);
    }

    static Cell count(long count) {
      return new Cell(Long.toString(count), count, null);
    }

    /** Hours, shown as a readable duration; empty when there is none. */
    static Cell hours(Double hours) {
      return hours == null ? new Cell("–", null, null) : new Cell(Durations.readable(hours), round(hours), null);
    }

    static Cell number(Double value, String text) {
      return value == null ? new Cell("–", null, null) : new Cell(text, value, null);
    }

    private static double round(double value) {
      return Math.round(value * 1000) / 1000.0;
    }

    /** The value as charts and CSV take it: plain digits, never an exponent; empty when there is none. */
    public String plainValue() {
      if (value == null) {
        return "";
      }
      if (value instanceof Double d) {
        return d == Math.rint(d) ? Long.toString(d.longValue()) : BigDecimal.valueOf(d).toPlainString();
      }
      return value.toString();
    }
  }

  /**
   * The rows as HTML, every text and attribute escaped: the page shows hundreds of cells (a year of
   * weeks), and building them here costs a fraction of evaluating a template expression per cell.
   */
  public String bodyHtml() {
    StringBuilder html = new StringBuilder(rows.size() * 120);
    for (List<Cell> row : rows) {
      html.append("<tr>");
      for (int i = 0; i < row.size(); i++) {
        Cell cell = row.get(i);
        html.append(columns.get(i).numeric() ? "<td class=\"num\"" : "<td");
        if (cell.value() != null) {
          html.append(" data-value=\"").append(cell.plainValue()).append('"');
        }
        html.append('>');
        if (cell.href() != null) {
          html.append("<a class=\"breach-link\" href=\"").append(HtmlUtils.htmlEscape(cell.href())).append("\">")
              .append(HtmlUtils.htmlEscape(cell.text())).append("</a>");
        } else {
          html.append(HtmlUtils.htmlEscape(cell.text()));
        }
        html.append("</td>");
      }
      html.append("</tr>\n");
    }
    return html.toString();
  }

  /** Builds a table row by row. */
  static Builder of(String id, String title, String chart, String note) {
    return new Builder(id, title, chart, note);
  }

  static final class Builder {
    private final String id;
    private final String title;
    private final String chart;
    private final String note;
    private final List<Column> columns = new ArrayList<>();
    private final List<List<Cell>> rows = new ArrayList<>();

    private Builder(String id, String title, String chart, String note) {
      this.id = id;
      this.title = title;
      this.chart = chart;
      this.note = note;
    }

    Builder text(String label) {
      columns.add(new Column(label, false, false));
      return this;
    }

    Builder numeric(String label) {
      columns.add(new Column(label, true, false));
      return this;
    }

    /** A numeric column the chart draws. */
    Builder charted(String label) {
      columns.add(new Column(label, true, true));
      return this;
    }

    Builder row(Cell... cells) {
      if (cells.length != columns.size()) {
        throw new IllegalArgumentException(id + ": " + cells.length + " cells for " + columns.size() + " columns");
      }
      rows.add(List.of(cells));
      return this;
    }

    Table build() {
      return new Table(id, title, chart, note, List.copyOf(columns), List.copyOf(rows));
    }
  }
}
