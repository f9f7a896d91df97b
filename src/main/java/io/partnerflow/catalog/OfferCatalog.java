package io.partnerflow.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The offers we sell (table {@code offer}). */
@Repository
public class OfferCatalog {

  private static final RowMapper<Offer> ROW = (rs, n) -> new Offer(
      rs.getString("id"), rs.getString("name"), rs.getInt("min_quantity"), rs.getInt("max_quantity"),
      rs.getBoolean("add_on"), rs.getString("prerequisite_offer_id"), rs.getBoolean("retired"));

  private final JdbcClient jdbc;

  public OfferCatalog(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Offers an operator may pick: everything not retired. */
  public List<Offer> orderableOffers() {
    return jdbc.sql("select * from offer where retired = false order by add_on, name").query(ROW).list();
  }

  /** All offers including retired ones, so a retired pick is reported as retired, not unknown. */
  public Map<String, Offer> allById() {
    Map<String, Offer> byId = new LinkedHashMap<>();
    jdbc.sql("select * from offer").query(ROW).list().forEach(o -> byId.put(o.id(), o));
    return byId;
  }
}
