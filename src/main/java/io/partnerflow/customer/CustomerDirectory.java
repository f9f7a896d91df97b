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

  /**
   * Sort keys and their columns; a fixed map, so no request text ever reaches the SQL. Company sorts
   * by the stored lower-cased name, which customer_company_key_idx keeps in order.
   */
  static final Map<String, String> SORT_COLUMNS = Map.of(
      "company", "c.company_name_key", "domain", "c.domain_prefix", "relationship", "c.relationship",
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
    // Starts-with on the company name (its stored key, CustomerRegistry.companyNameKey) or on the primary domain
    // <prefix>.onmicrosoft.com: text up to the first dot is the start of the prefix; with a dot, the prefix is
    // complete and the rest must start the suffix
    String nameMatch = null;
    String domainMatch = null;
    Object namePattern = null;
    Object domainValue = null;
    String text = query.text() == null ? "" : query.text().trim().toLowerCase(Locale.ROOT);
    if (!text.isEmpty()) {
      nameMatch = "c.company_name_key like ? escape '\\'";
      namePattern = escapeLike(text) + "%";
      int dot = text.indexOf('.');
      if (dot < 0) {
        domainMatch = "c.domain_prefix like ? escape '\\'";
        domainValue = escapeLike(text) + "%";
      } else if (AccountInfo.DOMAIN_SUFFIX.startsWith(text.substring(dot))) {
        domainMatch = "c.domain_prefix = ?";
        domainValue = text.substring(0, dot);
      }
    }
    StringBuilder filters = new StringBuilder();
    List<Object> filterParams = new ArrayList<>();
    if (query.resellerId() != null && !query.resellerId().isBlank()) {
      filters.append(" and c.reseller_id = ?");
      filterParams.add(query.resellerId());
    }
    if (query.relationship() != null) {
      filters.append(" and c.relationship = ?");
      filterParams.add(query.relationship().name());
    }
    String where;
    List<Object> params = new ArrayList<>();
    long total;
    // The counts need no reseller: the join finds at most one (its primary key), and the filters are the customer's
    if (domainMatch == null) {
      where = " where " + (nameMatch == null ? "1 = 1" : nameMatch) + filters;
      if (nameMatch != null) {
        params.add(namePattern);
      }
      params.addAll(filterParams);
      total = count(where, params);
    } else {
      where = " where (" + nameMatch + " or " + domainMatch + ")" + filters;
      params.addAll(List.of(namePattern, domainValue));
      params.addAll(filterParams);
      // Counted as two disjoint parts, each served by its own index: H2 cannot combine two indexes for an or
      List<Object> nameParams = new ArrayList<>(List.of(namePattern));
      nameParams.addAll(filterParams);
      List<Object> domainOnlyParams = new ArrayList<>(List.of(domainValue, namePattern));
      domainOnlyParams.addAll(filterParams);
      total = count(" where " + nameMatch + filters, nameParams)
          + count(" where " + domainMatch + " and (c.company_name_key is null or not " + nameMatch + ")" + filters,
              domainOnlyParams);
    }
    String from = " from customer c left join reseller r on r.id = c.reseller_id";
    String order = " order by " + SORT_COLUMNS.get(sort) + (query.descending() ? " desc" : " asc") + ", c.id";
    List<Object> pageParams = new ArrayList<>(params);
    pageParams.add(query.size());
    pageParams.add((long) query.page() * query.size());
    List<CustomerRow> rows = jdbc.sql("select c.*, r.name as reseller_name, r.partner_id as reseller_partner_id"
            + from + where + order + " limit ? offset ?")
        .params(pageParams).query(ROW).list();
    return new PageResult<>(rows, query.page(), query.size(), total);
  }

  private long count(String where, List<Object> params) {
    return jdbc.sql("select count(*) from customer c" + where).params(params).query(Long.class).single();
  }

  static String escapeLike(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }
}
