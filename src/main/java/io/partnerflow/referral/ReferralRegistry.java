package io.partnerflow.referral;

import io.partnerflow.validation.PageResult;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Referrals (table {@code referral}). Every state change is a conditional update from the status
 * it expects, so a late or repeated step (a timer racing a decision) changes nothing and says so.
 */
@Repository
public class ReferralRegistry {

  public static final int MAX_PAGE_SIZE = 200;

  private static final RowMapper<Referral> ROW = ReferralRegistry::map;

  private final JdbcClient jdbc;
  private final Clock clock;

  public ReferralRegistry(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Stores a new referral (status {@link ReferralStatus#NEW}); expects a validated, normalized request. */
  public Referral create(NewReferral referral) {
    String id = UUID.randomUUID().toString();
    jdbc.sql("""
        insert into referral (id, source, company_name, company_name_key, contact_first_name, contact_last_name,
          contact_email, contact_email_key, contact_phone, country, language, need, status, received_at,
          external_reference)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(id, referral.source(), referral.companyName(), searchKey(referral.companyName()),
            referral.contactFirstName(), referral.contactLastName(), referral.contactEmail(),
            searchKey(referral.contactEmail()), referral.contactPhone(), referral.country(),
            referral.language(), referral.need(), ReferralStatus.NEW.name(), Timestamp.from(clock.instant()),
            referral.externalReference())
        .update();
    return find(id).orElseThrow();
  }

  public Optional<Referral> find(String id) {
    return jdbc.sql("select * from referral where id = ?").param(id).query(ROW).optional();
  }

  public Optional<Referral> findByExternalReference(String externalReference) {
    if (externalReference == null) {
      return Optional.empty();
    }
    return jdbc.sql("select * from referral where external_reference = ?").param(externalReference).query(ROW)
        .optional();
  }

  /** Links the referral to the process that handles it. */
  public void attachProcessInstance(String id, String processInstanceId) {
    jdbc.sql("update referral set process_instance_id = ? where id = ?").params(processInstanceId, id).update();
  }

  /**
   * One page of referrals, newest first.
   *
   * @param text starts-with match on company name or contact email, case-insensitive; null or blank
   *     matches all
   * @param status only this status; null for all
   * @param page from 0 (negative counts as 0)
   * @param size 1 to {@value #MAX_PAGE_SIZE} (clamped)
   */
  public PageResult<Referral> search(String text, ReferralStatus status, int page, int size) {
    int p = Math.max(0, page);
    int s = Math.max(1, Math.min(MAX_PAGE_SIZE, size));
    StringBuilder where = new StringBuilder(" where 1 = 1");
    List<Object> params = new ArrayList<>();
    if (text != null && !text.isBlank()) {
      String prefix = escapeLike(text.strip().toLowerCase(Locale.ROOT)) + "%";
      // The stored keys, not lower(...): the keys are indexed (on PostgreSQL; db/vendor)
      where.append(" and (company_name_key like ? escape '\\' or contact_email_key like ? escape '\\')");
      params.add(prefix);
      params.add(prefix);
    }
    if (status != null) {
      where.append(" and status = ?");
      params.add(status.name());
    }
    long total = jdbc.sql("select count(*) from referral" + where).params(params).query(Long.class).single();
    List<Object> pageParams = new ArrayList<>(params);
    pageParams.add(s);
    pageParams.add((long) p * s);
    List<Referral> items = jdbc.sql("select * from referral" + where
            + " order by received_at desc, id limit ? offset ?")
        .params(pageParams).query(ROW).list();
    return new PageResult<>(items, p, s, total);
  }

  /** NEW → ACTIVE with the estimate; false if the referral was no longer NEW. */
  public boolean activate(String id, BigDecimal estimatedDealValue, LocalDate estimatedCloseDate, String decidedBy) {
    return jdbc.sql("""
        update referral set status = ?, estimated_deal_value = ?, estimated_close_date = ?, decided_by = ?,
          decided_at = ?
        where id = ? and status = ?""")
        .params(ReferralStatus.ACTIVE.name(), estimatedDealValue, Date.valueOf(estimatedCloseDate), decidedBy,
            now(), id, ReferralStatus.NEW.name())
        .update() == 1;
  }

  /** NEW → DECLINED; false if the referral was no longer NEW. */
  public boolean decline(String id, String reason, String decidedBy) {
    return jdbc.sql("""
        update referral set status = ?, decline_reason = ?, decided_by = ?, decided_at = ?
        where id = ? and status = ?""")
        .params(ReferralStatus.DECLINED.name(), reason, decidedBy, now(), id, ReferralStatus.NEW.name())
        .update() == 1;
  }

  /** NEW → EXPIRED (no decision in time); false if the referral was no longer NEW. */
  public boolean expire(String id) {
    return jdbc.sql("update referral set status = ?, decided_at = ? where id = ? and status = ?")
        .params(ReferralStatus.EXPIRED.name(), now(), id, ReferralStatus.NEW.name())
        .update() == 1;
  }

  /** ACTIVE → WON, naming the onboarding it started; false if the referral was not ACTIVE. */
  public boolean won(String id, String onboardingProcessInstanceId) {
    return jdbc.sql("""
        update referral set status = ?, onboarding_process_instance_id = ?, outcome_at = ?
        where id = ? and status = ?""")
        .params(ReferralStatus.WON.name(), onboardingProcessInstanceId, now(), id, ReferralStatus.ACTIVE.name())
        .update() == 1;
  }

  /** ACTIVE → LOST; false if the referral was not ACTIVE. */
  public boolean lost(String id) {
    return jdbc.sql("update referral set status = ?, outcome_at = ? where id = ? and status = ?")
        .params(ReferralStatus.LOST.name(), now(), id, ReferralStatus.ACTIVE.name())
        .update() == 1;
  }

  private Timestamp now() {
    return Timestamp.from(clock.instant());
  }

  /**
   * The value of {@code company_name_key} and {@code contact_email_key}, which every write of the company name or
   * contact email must set: lower-cased like the search text, so the search can use an index.
   */
  public static String searchKey(String value) {
    return value == null ? null : value.toLowerCase(Locale.ROOT);
  }

  static String escapeLike(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  private static Referral map(ResultSet rs, int n) throws SQLException {
    Date closeDate = rs.getDate("estimated_close_date");
    return new Referral(rs.getString("id"), rs.getString("process_instance_id"), rs.getString("source"),
        rs.getString("company_name"), rs.getString("contact_first_name"), rs.getString("contact_last_name"),
        rs.getString("contact_email"), rs.getString("contact_phone"), rs.getString("country"),
        rs.getString("language"), rs.getString("need"), ReferralStatus.valueOf(rs.getString("status")),
        rs.getBigDecimal("estimated_deal_value"), closeDate == null ? null : closeDate.toLocalDate(),
        rs.getString("decided_by"), instant(rs.getTimestamp("decided_at")), rs.getString("decline_reason"),
        instant(rs.getTimestamp("outcome_at")), rs.getString("onboarding_process_instance_id"),
        instant(rs.getTimestamp("received_at")), rs.getString("external_reference"));
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
