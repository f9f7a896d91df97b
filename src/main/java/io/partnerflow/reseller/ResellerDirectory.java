package io.partnerflow.reseller;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Our directory of indirect resellers (table {@code reseller}). */
@Repository
public class ResellerDirectory {

  private static final RowMapper<Reseller> ROW = (rs, n) -> new Reseller(
      rs.getString("id"), rs.getString("name"), rs.getString("partner_id"), rs.getString("country"),
      rs.getString("region"), ResellerStatus.valueOf(rs.getString("status")), rs.getBoolean("partner_agreement_signed"));

  private final JdbcClient jdbc;

  public ResellerDirectory(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public List<Reseller> activeResellers() {
    return jdbc.sql("select * from reseller where status = 'ACTIVE' order by name").query(ROW).list();
  }

  public Optional<Reseller> find(String id) {
    if (id == null || id.isBlank()) {
      return Optional.empty();
    }
    return jdbc.sql("select * from reseller where id = ?").param(id.trim()).query(ROW).optional();
  }
}
