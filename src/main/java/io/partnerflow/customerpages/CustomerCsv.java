package io.partnerflow.customerpages;

import io.partnerflow.catalog.Offer;
import io.partnerflow.catalog.OfferCatalog;
import io.partnerflow.customer.CustomerDirectory;
import io.partnerflow.customer.CustomerQuery;
import io.partnerflow.customer.CustomerRow;
import io.partnerflow.customer.Relationship;
import io.partnerflow.provisioning.ProvisioningService;
import io.partnerflow.provisioning.SubscriptionRecord;
import io.partnerflow.validation.PageResult;
import java.io.IOException;
import java.io.Writer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * CSV exports of the customer list and of one customer's subscriptions: RFC 4180 (comma, CRLF, fields
 * with a comma, quote, CR or LF quoted, quotes doubled), UTF-8 with a byte order mark so Excel reads
 * accents, and guarded against formula injection (OWASP "CSV injection"): a field that starts with
 * {@code =}, {@code +}, {@code -}, {@code @}, tab or CR gets a leading apostrophe.
 */
@Component
public class CustomerCsv {

  public static final String CONTENT_TYPE = "text/csv;charset=UTF-8";
  public static final char BOM = '\uFEFF';
  static final String LINE_END = "\r\n";

  public static final List<String> CUSTOMER_HEADER = List.of(
      "Customer ID", "Company name", "Primary domain", "Relationship", "Reseller name", "Reseller partner ID");
  public static final List<String> SUBSCRIPTION_HEADER = List.of(
      "Subscription ID", "Offer ID", "Offer name", "Quantity", "Status", "Reseller partner ID");

  private final CustomerDirectory directory;
  private final ProvisioningService provisioning;
  private final OfferCatalog offers;
  private final int pageSize;

  @Autowired
  public CustomerCsv(CustomerDirectory directory, ProvisioningService provisioning, OfferCatalog offers) {
    this(directory, provisioning, offers, CustomerQuery.MAX_PAGE_SIZE);
  }

  CustomerCsv(CustomerDirectory directory, ProvisioningService provisioning, OfferCatalog offers, int pageSize) {
    this.directory = directory;
    this.provisioning = provisioning;
    this.offers = offers;
    this.pageSize = pageSize;
  }

  /**
   * Writes every customer matching the query (its text, filters and sort; its page and size are
   * ignored), page by page through the directory.
   *
   * @return the number of customers written
   * @throws io.partnerflow.validation.ValidationException for a bad query (e.g. unknown sort), before
   *     anything is written
   */
  public long writeCustomers(CustomerQuery query, Writer out) throws IOException {
    // The first page validates the query before a byte is written
    PageResult<CustomerRow> current = directory.search(page(query, 0));
    out.write(BOM);
    writeRow(out, CUSTOMER_HEADER);
    long written = 0;
    int page = 0;
    while (true) {
      for (CustomerRow row : current.items()) {
        writeRow(out, customerFields(row));
        written++;
      }
      // Stops at the first short page, so customers added meanwhile can never make it loop forever
      if (current.items().size() < pageSize) {
        break;
      }
      current = directory.search(page(query, ++page));
    }
    out.flush();
    return written;
  }

  /**
   * Writes the customer's subscriptions.
   *
   * @return the number of subscriptions written
   */
  public int writeSubscriptions(String customerId, Writer out) throws IOException {
    Map<String, Offer> offersById = offers.allById();
    List<SubscriptionRecord> subscriptions = provisioning.subscriptions(customerId);
    out.write(BOM);
    writeRow(out, SUBSCRIPTION_HEADER);
    for (SubscriptionRecord s : subscriptions) {
      Offer offer = offersById.get(s.offerId());
      writeRow(out, Arrays.asList(s.id(), s.offerId(), offer == null ? null : offer.name(),
          Integer.toString(s.quantity()), s.status(), s.resellerPartnerId()));
    }
    out.flush();
    return subscriptions.size();
  }

  static List<String> customerFields(CustomerRow row) {
    return Arrays.asList(row.id(), row.companyName(), row.primaryDomain(),
        row.relationship() == null ? null : row.relationship().name(), row.resellerName(), row.resellerPartnerId());
  }

  /** One record: the fields, escaped, separated by commas, ended by CRLF. */
  public static void writeRow(Writer out, List<String> fields) throws IOException {
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      out.write(field(fields.get(i)));
    }
    out.write(LINE_END);
  }

  /** One field as written: null as empty, formula-guarded, quoted when needed. */
  public static String field(String value) {
    if (value == null || value.isEmpty()) {
      return "";
    }
    String v = isFormulaStart(value.charAt(0)) ? "'" + value : value;
    boolean quote = v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\r') >= 0 || v.indexOf('\n') >= 0;
    return quote ? '"' + v.replace("\"", "\"\"") + '"' : v;
  }

  private static boolean isFormulaStart(char c) {
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
  }

  private CustomerQuery page(CustomerQuery query, int page) {
    return new CustomerQuery(query.text(), query.resellerId(), query.relationship(), page, pageSize, query.sort(),
        query.descending());
  }
}
