package io.partnerflow.referral;

import static io.partnerflow.referral.ReferralTestData.spanishRequest;
import static org.assertj.core.api.Assertions.assertThat;

import io.partnerflow.validation.PageResult;
import java.math.BigDecimal;
import io.partnerflow.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The referral registry against a real (H2) schema built by our Flyway migrations; no Spring context. */
class ReferralRegistryTest {

  private static final Instant NOW = Instant.parse("2026-03-04T09:30:00Z");

  private MutableClock clock;
  private ReferralRegistry registry;

  @BeforeEach
  void setUp() {
    clock = new MutableClock(NOW);
    registry = new ReferralRegistry(JdbcClient.create(ReferralTestData.database()), clock);
  }

  @Test
  void createStoresEveryFieldAsNew() {
    Referral r = registry.create(spanishRequest("Contoso Ibérica", "lucia@contoso.example", "ref-1"));

    assertThat(registry.find(r.id())).contains(r);
    assertThat(r.status()).isEqualTo(ReferralStatus.NEW);
    assertThat(r.receivedAt()).isEqualTo(NOW);
    assertThat(r.source()).isEqualTo("API");
    assertThat(r.contactName()).isEqualTo("Lucía García");
    assertThat(r.country()).isEqualTo("ES");
    assertThat(r.externalReference()).isEqualTo("ref-1");
    assertThat(registry.findByExternalReference("ref-1")).contains(r);
    assertThat(registry.findByExternalReference(null)).isEmpty();
  }

  @Test
  void eachStateChangeHappensOnlyFromTheExpectedStatus() {
    Referral r = registry.create(spanishRequest("Contoso", "a@contoso.example", null));
    LocalDate close = LocalDate.of(2026, 6, 30);

    assertThat(registry.won(r.id(), "pi-x")).as("not active yet").isFalse();
    assertThat(registry.lost(r.id())).isFalse();
    assertThat(registry.activate(r.id(), new BigDecimal("25000.50"), close, "operator")).isTrue();
    assertThat(registry.activate(r.id(), BigDecimal.ONE, close, "other")).as("decided once").isFalse();
    assertThat(registry.decline(r.id(), "late", "other")).isFalse();
    assertThat(registry.expire(r.id())).isFalse();

    Referral active = registry.find(r.id()).orElseThrow();
    assertThat(active.status()).isEqualTo(ReferralStatus.ACTIVE);
    assertThat(active.estimatedDealValue()).isEqualByComparingTo("25000.50");
    assertThat(active.estimatedCloseDate()).isEqualTo(close);
    assertThat(active.decidedBy()).isEqualTo("operator");
    assertThat(active.decidedAt()).isEqualTo(NOW);

    clock.set(NOW.plus(20, ChronoUnit.DAYS));
    assertThat(registry.won(r.id(), "pi-onboarding")).isTrue();
    assertThat(registry.lost(r.id())).isFalse();
    Referral won = registry.find(r.id()).orElseThrow();
    assertThat(won.status()).isEqualTo(ReferralStatus.WON);
    assertThat(won.onboardingProcessInstanceId()).isEqualTo("pi-onboarding");
    assertThat(won.outcomeAt()).isEqualTo(clock.instant());
  }

  @Test
  void declineAndExpireAndLost() {
    Referral declined = registry.create(spanishRequest("A", "a@a.example", null));
    Referral expired = registry.create(spanishRequest("B", "b@b.example", null));
    Referral lost = registry.create(spanishRequest("C", "c@c.example", null));

    assertThat(registry.decline(declined.id(), "Outside our region", "operator")).isTrue();
    assertThat(registry.expire(expired.id())).isTrue();
    assertThat(registry.activate(lost.id(), BigDecimal.TEN, LocalDate.of(2026, 4, 1), "operator")).isTrue();
    assertThat(registry.lost(lost.id())).isTrue();

    assertThat(registry.find(declined.id()).orElseThrow())
        .satisfies(r -> assertThat(r.status()).isEqualTo(ReferralStatus.DECLINED))
        .satisfies(r -> assertThat(r.declineReason()).isEqualTo("Outside our region"))
        .satisfies(r -> assertThat(r.decidedBy()).isEqualTo("operator"));
    assertThat(registry.find(expired.id()).orElseThrow().status()).isEqualTo(ReferralStatus.EXPIRED);
    assertThat(registry.find(lost.id()).orElseThrow().status()).isEqualTo(ReferralStatus.LOST);
    assertThat(registry.find(lost.id()).orElseThrow().outcomeAt()).isEqualTo(NOW);
  }

  @Test
  void searchIsStartsWithOnCompanyOrEmailCaseInsensitiveFilteredByStatusNewestFirstAndPaged() {
    Referral contoso = create("Contoso Ibérica", "lucia@contoso.example");
    Referral fabrikam = create("Fabrikam", "CONTO@fabrikam.example");
    Referral tailspin = create("Tailspin Toys", "sam@tailspin.example");
    Referral percent = create("100% Cloud_Co", "x@percent.example");
    registry.expire(tailspin.id());

    assertThat(ids(registry.search("conto", null, 0, 10))).containsExactly(fabrikam.id(), contoso.id());
    assertThat(ids(registry.search("  CONTOSO ib", null, 0, 10))).containsExactly(contoso.id());
    assertThat(ids(registry.search("toys", null, 0, 10))).as("starts-with, not contains").isEmpty();
    assertThat(ids(registry.search(null, ReferralStatus.EXPIRED, 0, 10))).containsExactly(tailspin.id());
    assertThat(ids(registry.search("tail", ReferralStatus.NEW, 0, 10))).isEmpty();
    assertThat(ids(registry.search("100%", null, 0, 10))).containsExactly(percent.id());
    assertThat(ids(registry.search("1_0", null, 0, 10))).as("_ is no wildcard").isEmpty();

    PageResult<Referral> second = registry.search("", null, 1, 3);
    assertThat(second.total()).isEqualTo(4);
    assertThat(second.totalPages()).isEqualTo(2);
    assertThat(ids(second)).containsExactly(contoso.id());
    assertThat(registry.search(null, null, -1, 0)).satisfies(p -> {
      assertThat(p.page()).isZero();
      assertThat(p.size()).isEqualTo(1);
      assertThat(p.items()).hasSize(1);
    });
  }

  private Referral create(String company, String email) {
    clock.advance(Duration.ofSeconds(60));
    return registry.create(spanishRequest(company, email, null));
  }

  private static java.util.List<String> ids(PageResult<Referral> page) {
    return page.items().stream().map(Referral::id).toList();
  }

}
