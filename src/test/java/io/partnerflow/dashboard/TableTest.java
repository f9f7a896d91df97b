package io.partnerflow.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.partnerflow.dashboard.Table.Cell;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** A table's rows as the page and the CSV write them: typed text stays text, numbers stay plain. */
class TableTest {

  static final String MARKUP = "<img src=x onerror=alert(1)> \"quoted\" & 'single'";

  private final Table table = Table.of("t.id", "Title", "bar", "note").text("What").numeric("Hours")
      .row(Cell.link(MARKUP, "/camunda/app/cockpit/default/#/process-instance/1\"><script>/runtime"),
          Cell.hours(0.0001))
      .row(Cell.text("=SUM(A1)"), Cell.count(12))
      .build();

  @Test
  void htmlEscapesEveryTextAndLink() {
    String html = table.bodyHtml();
    assertThat(html).doesNotContain("<img", "<script>", "\"quoted\"")
        .contains("&lt;img src=x onerror=alert(1)&gt; &quot;quoted&quot; &amp; &#39;single&#39;")
        .contains("href=\"/camunda/app/cockpit/default/#/process-instance/1&quot;&gt;&lt;script&gt;/runtime\"")
        .contains("<td class=\"num\" data-value=\"0\">0 s</td>")
        .contains("<td class=\"num\" data-value=\"12\">12</td>");
  }

  @Test
  void csvHasPlainNumbersAndGuardsFormulas() throws Exception {
    StringWriter csv = new StringWriter();
    DashboardCsv.write(Table.of("t", "T", "bar", "n").text("What").numeric("Hours")
        .row(Cell.text("=SUM(A1)"), Cell.hours(0.00012345)).build(), csv);
    assertThat(csv.toString()).isEqualTo("What,Hours\r\n'=SUM(A1),0\r\n");
    StringWriter small = new StringWriter();
    DashboardCsv.write(Table.of("t", "T", "bar", "n").text("What").numeric("Hours")
        .row(Cell.text("x"), Cell.hours(0.0125)).build(), small);
    assertThat(small.toString()).isEqualTo("What,Hours\r\nx,0.013\r\n");
  }
}
