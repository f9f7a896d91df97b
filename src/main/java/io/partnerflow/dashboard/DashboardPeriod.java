package io.partnerflow.dashboard;

import io.partnerflow.validation.ValidationException;
import io.partnerflow.validation.Violation;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

/**
 * The days a dashboard covers, both included, in the manager's time zone: from the start of
 * {@code from} to the end of {@code to} there.
 */
public record DashboardPeriod(LocalDate from, LocalDate to, ZoneId zone) {

  /**
   * The period the request asks for; blank fields take the defaults (the last {@code defaultDays}
   * days, today included, in the default zone).
   *
   * @throws ValidationException naming each bad field and its rule
   */
  public static DashboardPeriod of(String from, String to, String zone, Instant now, DashboardProperties properties) {
    List<Violation> violations = new ArrayList<>();
    ZoneId zoneId = properties.defaultZone();
    if (zone != null && !zone.isBlank()) {
      try {
        zoneId = ZoneId.of(zone.strip());
      } catch (DateTimeException e) {
        violations.add(new Violation("zone", "zone-unknown", "Time zone: \"" + zone.strip()
            + "\" is not a known time zone (e.g. Europe/Berlin, UTC)"));
      }
    }
    LocalDate today = LocalDate.ofInstant(now, zoneId);
    LocalDate toDate = date("to", "To", to, today, violations);
    LocalDate fromDate = date("from", "From", from, toDate.minusDays(properties.defaultDays() - 1L), violations);
    if (violations.isEmpty()) {
      if (fromDate.isAfter(toDate)) {
        violations.add(new Violation("from", "from-after-to", "From: must not be after To (" + toDate + ")"));
      } else if (ChronoUnit.DAYS.between(fromDate, toDate) + 1 > properties.maxDays()) {
        violations.add(new Violation("to", "period-too-long", "To: a period covers at most " + properties.maxDays()
            + " days; choose a later From or an earlier To"));
      }
    }
    if (!violations.isEmpty()) {
      throw new ValidationException(violations);
    }
    return new DashboardPeriod(fromDate, toDate, zoneId);
  }

  private static LocalDate date(String field, String label, String text, LocalDate fallback,
      List<Violation> violations) {
    if (text == null || text.isBlank()) {
      return fallback;
    }
    try {
      return LocalDate.parse(text.strip());
    } catch (DateTimeParseException e) {
      violations.add(new Violation(field, "date-format", label + ": \"" + text.strip()
          + "\" is not a date as YYYY-MM-DD"));
      return fallback;
    }
  }

  /** The first instant of the period. */
  public Instant start() {
    return from.atStartOfDay(zone).toInstant();
  }

  /** The first instant after the period. */
  public Instant end() {
    return to.plusDays(1).atStartOfDay(zone).toInstant();
  }

  /** Monday 00:00 of the week {@code from} falls in: weeks in the dashboard start there. */
  public Instant firstWeekStart() {
    return from.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).atStartOfDay(zone).toInstant();
  }

  /** The Mondays of the weeks the period touches, in order. */
  public List<LocalDate> weeks() {
    List<LocalDate> mondays = new ArrayList<>();
    for (LocalDate monday = from.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)); !monday.isAfter(to);
        monday = monday.plusWeeks(1)) {
      mondays.add(monday);
    }
    return mondays;
  }
}
