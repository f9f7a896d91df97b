package io.partnerflow.customerpages;

import io.partnerflow.customer.CustomerQuery;
import io.partnerflow.customer.Relationship;
import io.partnerflow.validation.ValidationException;
import io.partnerflow.validation.Violation;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The customer list's request parameters, and the links that keep them: {@code q} (start of company
 * name or domain), {@code reseller} (id), {@code relationship} (RESELLER or NONE), {@code sort},
 * {@code dir} ({@code desc} or ascending), {@code page} (from 0).
 */
public record CustomerListParams(String q, String reseller, String relationship, String sort, boolean desc,
    int page) {

  static final String DEFAULT_SORT = "company";

  static CustomerListParams of(String q, String reseller, String relationship, String sort, String dir, int page) {
    String rel = "any".equalsIgnoreCase(blankToNull(relationship)) ? null : blankToNull(relationship);
    return new CustomerListParams(blankToNull(q), blankToNull(reseller), rel,
        blankToNull(sort) == null ? DEFAULT_SORT : sort.trim(), "desc".equalsIgnoreCase(dir), page);
  }

  public String pageUrl(int target) {
    return url("/customers", sort, desc, target);
  }

  /** Sorts by the key; the current sort key toggles its direction. */
  public String sortUrl(String key) {
    return url("/customers", key, key.equals(sort) && !desc, 0);
  }

  /** ▲ or ▼ when the list is sorted by the key, else empty. */
  public String sortMark(String key) {
    return key.equals(sort) ? (desc ? "▼" : "▲") : "";
  }

  public String exportUrl() {
    return url("/customers/export.csv", sort, desc, 0);
  }

  public String relationshipOrAny() {
    return relationship == null ? "" : relationship.toUpperCase(Locale.ROOT);
  }

  CustomerQuery query(int size) {
    Relationship rel = null;
    if (relationship != null) {
      try {
        rel = Relationship.valueOf(relationship.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new ValidationException(List.of(new Violation("relationship", "relationship-unknown",
            "Relationship must be RESELLER, NONE or any, not '" + relationship + "'")));
      }
    }
    return new CustomerQuery(q, reseller, rel, page, size, sort, desc);
  }

  private String url(String path, String sortKey, boolean descending, int target) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("q", q);
    params.put("reseller", reseller);
    params.put("relationship", relationship);
    params.put("sort", DEFAULT_SORT.equals(sortKey) ? null : sortKey);
    params.put("dir", descending ? "desc" : null);
    params.put("page", target > 0 ? Integer.toString(target) : null);
    StringBuilder url = new StringBuilder(path);
    char separator = '?';
    for (Map.Entry<String, String> p : params.entrySet()) {
      if (p.getValue() != null) {
        url.append(separator).append(p.getKey()).append('=')
            .append(URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8));
        separator = '&';
      }
    }
    return url.toString();
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
