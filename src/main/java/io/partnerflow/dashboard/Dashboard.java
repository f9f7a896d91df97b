package io.partnerflow.dashboard;

import io.partnerflow.invitation.InvitationProcess;
import io.partnerflow.invitation.InvitationProperties;
import io.partnerflow.onboarding.OnboardingProcess;
import io.partnerflow.referral.ReferralProcess;
import io.partnerflow.relationship.EndRelationshipProcess;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The manager dashboard's figures for a period, section by section, each from aggregate queries
 * on the engine's history and our registry (nothing is loaded row by row).
 */
@Service
public class Dashboard {

  private static final Logger LOG = LoggerFactory.getLogger(Dashboard.class);

  /** Our processes, in the order the page lists them. */
  static final List<String> PROCESS_KEYS = List.of(OnboardingProcess.PROCESS_KEY, InvitationProcess.PROCESS_KEY,
      InvitationProcess.TRIAGE_PROCESS_KEY, ReferralProcess.PROCESS_KEY, EndRelationshipProcess.PROCESS_KEY);
  /** The sections, by id, in page order. */
  static final List<String> SECTION_IDS = List.of("work", "onboarding", "cycle", "invitations", "referrals",
      "customers", "history");

  private final ProcessNames processNames;
  private final OnboardingFigures onboarding;
  private final CycleTimeFigures cycleTimes;
  private final InvitationFigures invitations;
  private final ReferralFigures referrals;
  private final CustomerFigures customers;
  private final WorkNowFigures workNow;
  private final HistoryReach history;
  private final InvitationProperties invitationProperties;
  private final DashboardFacts facts;
  private final Clock clock;

  Dashboard(ProcessNames processNames, OnboardingFigures onboarding, CycleTimeFigures cycleTimes,
      InvitationFigures invitations, ReferralFigures referrals, CustomerFigures customers, WorkNowFigures workNow,
      HistoryReach history, InvitationProperties invitationProperties, DashboardFacts facts, Clock clock) {
    this.processNames = processNames;
    this.onboarding = onboarding;
    this.cycleTimes = cycleTimes;
    this.invitations = invitations;
    this.referrals = referrals;
    this.customers = customers;
    this.workNow = workNow;
    this.history = history;
    this.invitationProperties = invitationProperties;
    this.facts = facts;
    this.clock = clock;
  }

  /** Every section for the period. */
  @Transactional(readOnly = true)
  public List<Section> sections(DashboardPeriod period) {
    ProcessNames.Names names = processNames.now();
    return SECTION_IDS.stream().map(id -> section(id, period, names)).toList();
  }

  /** How far the figures from history reach (the facts' last refresh); null before the first one. */
  public Instant historyAsOf() {
    return facts.refreshedTo();
  }

  /** One table (for its CSV), computing only its section; empty for an unknown id. */
  @Transactional(readOnly = true)
  public Optional<Table> table(String tableId, DashboardPeriod period) {
    int dot = tableId.indexOf('.');
    if (dot < 0 || !SECTION_IDS.contains(tableId.substring(0, dot))) {
      return Optional.empty();
    }
    return section(tableId.substring(0, dot), period, processNames.now()).table(tableId);
  }

  private Section section(String id, DashboardPeriod period, ProcessNames.Names names) {
    long started = System.nanoTime();
    Section section = compute(id, period, names);
    LOG.debug("Dashboard section {} for {} to {} ({}) took {} ms", id, period.from(), period.to(), period.zone(),
        (System.nanoTime() - started) / 1_000_000);
    return section;
  }

  private Section compute(String id, DashboardPeriod period, ProcessNames.Names names) {
    Instant now = clock.instant();
    return switch (id) {
      case "work" -> workNow.section(now, period.zone(), names, invitationProperties.secondReminder());
      case "onboarding" -> onboarding.section(period, names);
      case "cycle" -> cycleTimes.section(period, names, PROCESS_KEYS);
      case "invitations" -> invitations.section(period);
      case "referrals" -> referrals.section(period);
      case "customers" -> customers.section(period);
      case "history" -> history.section(period.zone(), names, PROCESS_KEYS);
      default -> throw new IllegalArgumentException("No dashboard section " + id);
    };
  }
}
