package io.partnerflow.customer;

import io.partnerflow.validation.PageResult;
import io.partnerflow.validation.ValidationException;
import io.partnerflow.validation.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The customer list: search, filters, paging and sort over the registry. */
@Repository
public class CustomerDirectory {

  /** Sort keys and their columns; a fixed map, so no request text ever reaches the SQL. */
  static final Map<String, String> SORT_COLUMNS = Map.of(
      "company", "lower(c.company_name)", "domain", "c.domain_prefix", "relationship", "c.relationship",
      "created", "c.created_at");

  private static final RowMapper<CustomerRow> ROW = (rs, n) -> new CustomerRow(
      rs.getString("id"), rs.getString("company_name"), rs.getString("domain_prefix") + AccountInfo.DOMAIN_SUFFIX,
      Relationship.valueOf(rs.getString("relationship")), rs.getBoolean("delegated_admin"),
      rs.getString("reseller_id"), rs.getString("reseller_name"), rs.getString("reseller_partner_id"),
      rs.getTimestamp("created_at").toInstant());

  private final JdbcClient jdbc;

  public CustomerDirectory(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public PageResult<CustomerRow> search(CustomerQuery query) {
    List<Violation> violations = new ArrayList<>();
    String sort = query.sort() == null || query.sort().isBlank() ? "company" : query.sort();
    if (!SORT_COLUMNS.containsKey(sort)) {
      violations.add(new Violation("sort", "sort-unknown", "Sort by one of " + SORT_COLUMNS.keySet()));
    }
    if (query.page() < 0) {
      violations.add(new Violation("page", "min", "Page numbers start at 0"));
    }
    if (query.size() < 1 || query.size() > CustomerQuery.MAX_PAGE_SIZE) {
      violations.add(new Violation("size", "range", "Page size must be 1 to " + CustomerQuery.MAX_PAGE_SIZE));
    }
    if (!violations.isEmpty()) {
      throw new ValidationException(violations);
    }
    StringBuilder where = new StringBuilder(" where 1 = 1");
    List<Object> params = new ArrayList<>();
    String text = query.text() == null ? "" : query.text().trim().toLowerCase(Locale.ROOT);
    if (!text.isEmpty()) {
      // Starts-with on the primary domain <prefix>.onmicrosoft.com: text up to the first dot is the
      // start of the prefix; with a dot, the prefix is complete and the rest must start the suffix
      int dot = text.indexOf('.');
      if (dot < 0) {
        where.append(" and (lower(c.company_name) like ? escape '\\' or c.domain_prefix like ? escape '\\')");
        params.add(escapeLike(text) + "%");
        params.add(escapeLike(text) + "%");
      } else if (AccountInfo.DOMAIN_SUFFIX.startsWith(text.substring(dot))) {
        where.append(" and (lower(c.company_name) like ? escape '\\' or c.domain_prefix = ?)");
        params.add(escapeLike(text) + "%");
        params.add(text.substring(0, dot));
      } else {
        where.append(" and lower(c.company_name) like ? escape '\\'");
        params.add(escapeLike(text) + "%");
      }
    }
    if (query.resellerId() != null && !query.resellerId().isBlank()) {
      where.append(" and c.reseller_id = ?");
      params.add(query.resellerId());
    }
    if (query.relationship() != null) {
      where.append(" and c.relationship = ?");
      params.add(query.relationship().name());
    }
    String from = " from customer c left join reseller r on r.id = c.reseller_id";
    long total = jdbc.sql("select count(*)" + from + where).params(params).query(Long.class).single();
    String order = " order by " + SORT_COLUMNS.get(sort) + (query.descending() ? " desc" : " asc") + ", c.id";
    List<Object> pageParams = new ArrayList<>(params);
    pageParams.add(query.size());
    pageParams.add((long) query.page() * query.size());
    List<CustomerRow> rows = jdbc.sql("select c.*, r.name as reseller_name, r.partner_id as reseller_partner_id"
            + from + where + order + " limit ? offset ?")
        .params(pageParams).query(ROW).list();
    return new PageResult<>(rows, query.page(), query.size(), total);
  }

  static String escapeLike(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }
}
