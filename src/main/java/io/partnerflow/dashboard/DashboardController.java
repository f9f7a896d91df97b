package io.partnerflow.dashboard;

import io.partnerflow.customerpages.CustomerCsv;
import io.partnerflow.validation.ValidationException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.TreeSet;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;

/**
 * The manager dashboard ({@code /dashboard}; managers and operators, {@code security.SecurityConfiguration}):
 * a period picker, the figures of each {@link Section} as charts and tables, and every table as CSV
 * ({@code /dashboard/csv/{table}}). A bad period is a 400 that names the field, and shows no figures.
 */
@Controller
@RequestMapping("/dashboard")
public class DashboardController {

  /** Every zone the picker offers, sorted; computed once. */
  static final List<String> ZONES = List.copyOf(new TreeSet<>(ZoneId.getAvailableZoneIds()));

  private final Dashboard dashboard;
  private final DashboardProperties properties;
  private final Clock clock;

  public DashboardController(Dashboard dashboard, DashboardProperties properties, Clock clock) {
    this.dashboard = dashboard;
    this.properties = properties;
    this.clock = clock;
  }

  @GetMapping
  public ModelAndView page(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
      @RequestParam(required = false) String zone, HttpServletRequest request, HttpServletResponse response) {
    ModelAndView view = new ModelAndView("dashboard/page");
    view.addObject("currentUser", request.getRemoteUser());
    view.addObject("zones", ZONES);
    // Without a zone the page asks the browser for its own (dashboard.js) and shows the default's meanwhile
    view.addObject("zoneGiven", zone != null && !zone.isBlank());
    try {
      DashboardPeriod period = DashboardPeriod.of(from, to, zone, clock.instant(), properties);
      view.addObject("period", period);
      view.addObject("query", "from=" + period.from() + "&to=" + period.to() + "&zone=" + period.zone().getId());
      view.addObject("sections", dashboard.sections(period));
      Instant asOf = dashboard.historyAsOf();
      view.addObject("asOf", asOf == null ? null
          : DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(period.zone()).format(asOf));
      view.addObject("errors", List.of());
    } catch (ValidationException e) {
      view.addObject("period", null);
      view.addObject("entered", new String[] {from, to, zone});
      view.addObject("sections", List.of());
      view.addObject("errors", e.violations());
      view.setStatus(HttpStatus.BAD_REQUEST);
    }
    response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
    return view;
  }

  @GetMapping("/csv/{tableId}")
  public void csv(@PathVariable String tableId, @RequestParam(required = false) String from,
      @RequestParam(required = false) String to, @RequestParam(required = false) String zone,
      HttpServletResponse response) throws IOException {
    DashboardPeriod period;
    try {
      period = DashboardPeriod.of(from, to, zone, clock.instant(), properties);
    } catch (ValidationException e) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.violations().get(0).message());
    }
    Table table = dashboard.table(tableId, period).orElseThrow(() -> new ResponseStatusException(
        HttpStatus.NOT_FOUND, "No dashboard table " + tableId));
    response.setContentType(CustomerCsv.CONTENT_TYPE);
    response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
    response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
        .filename(table.id().replace('.', '-') + "-" + period.from() + "-" + period.to() + ".csv").build().toString());
    Writer out = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8));
    out.write(CustomerCsv.BOM);
    DashboardCsv.write(table, out);
    out.flush();
  }
}
