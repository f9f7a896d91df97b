package io.partnerflow.reseller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.partnerflow.validation.Violation;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ResellerAssignmentPolicyTest {

  static final String PROVIDER_PARTNER_ID = "1234567";
  static final String REGION = "EMEA";

  private final ResellerAssignmentPolicy policy = new ResellerAssignmentPolicy();

  static Reseller reseller(String partnerId, String region, ResellerStatus status, boolean signed) {
    return new Reseller("r-001", "Fabrikam Reseller", partnerId, "ES", region, status, signed);
  }

  static Reseller good() {
    return reseller("7654321", REGION, ResellerStatus.ACTIVE, true);
  }

  private List<Violation> check(String requested, Optional<Reseller> reseller) {
    return policy.check(requested, reseller, PROVIDER_PARTNER_ID, REGION);
  }

  private static void assertSingle(List<Violation> violations, String rule) {
    assertThat(violations).extracting(Violation::field, Violation::rule).containsExactly(tuple("resellerId", rule));
  }

  @Test
  void activeSignedResellerInOurRegionIsAccepted() {
    assertThat(check("r-001", Optional.of(good()))).isEmpty();
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"   "})
  void resellerIsRequired(String requested) {
    assertSingle(check(requested, Optional.empty()), "required");
  }

  @Test
  void resellerNotInTheDirectoryIsUnknown() {
    List<Violation> v = check("r-404", Optional.empty());
    assertSingle(v, "reseller-unknown");
    assertThat(v.get(0).message()).contains("r-404");
  }

  @Test
  void missingLookupResultIsTreatedAsUnknown() {
    assertSingle(policy.check("r-404", null, PROVIDER_PARTNER_ID, REGION), "reseller-unknown");
  }

  @ParameterizedTest
  @EnumSource(value = ResellerStatus.class, names = {"INACTIVE", "SUSPENDED"})
  void resellerThatIsNotActiveIsRejected(ResellerStatus status) {
    List<Violation> v = check("r-001", Optional.of(reseller("7654321", REGION, status, true)));
    assertSingle(v, "reseller-not-active");
    assertThat(v.get(0).message()).contains("Fabrikam Reseller", status.name().toLowerCase());
  }

  @Test
  void resellerWithoutStatusIsNotActive() {
    assertSingle(check("r-001", Optional.of(reseller("7654321", REGION, null, true))), "reseller-not-active");
  }

  @Test
  void resellerThatHasNotSignedThePartnerAgreementIsRejected() {
    assertSingle(check("r-001", Optional.of(reseller("7654321", REGION, ResellerStatus.ACTIVE, false))),
        "reseller-agreement-not-signed");
  }

  @Test
  void namingOurOwnPartnerIdIsRejectedEvenIfTheDirectoryDoesNotKnowIt() {
    List<Violation> v = check(" " + PROVIDER_PARTNER_ID + " ", Optional.empty());
    assertSingle(v, "reseller-is-provider");
    assertThat(v.get(0).message()).contains(PROVIDER_PARTNER_ID);
  }

  @Test
  void resellerRecordCarryingOurOwnPartnerIdIsRejected() {
    assertSingle(check("r-001", Optional.of(reseller(PROVIDER_PARTNER_ID, REGION, ResellerStatus.ACTIVE, true))),
        "reseller-is-provider");
  }

  @Test
  void resellerInAnotherRegionIsRejected() {
    List<Violation> v = check("r-001", Optional.of(reseller("7654321", "APAC", ResellerStatus.ACTIVE, true)));
    assertSingle(v, "reseller-other-region");
    assertThat(v.get(0).message()).contains("APAC", REGION);
  }

  @Test
  void resellerWithoutRegionIsNotInOurRegion() {
    assertSingle(check("r-001", Optional.of(reseller("7654321", null, ResellerStatus.ACTIVE, true))),
        "reseller-other-region");
  }

  @Test
  void regionIsComparedCaseInsensitively() {
    assertThat(check("r-001", Optional.of(reseller("7654321", "emea", ResellerStatus.ACTIVE, true)))).isEmpty();
  }

  @Test
  void regionIsNotCheckedWhenOurRegionIsNotConfigured() {
    assertThat(policy.check("r-001", Optional.of(reseller("7654321", "APAC", ResellerStatus.ACTIVE, true)),
        PROVIDER_PARTNER_ID, null)).isEmpty();
  }

  @Test
  void reportsEveryBrokenRuleNotJustTheFirst() {
    assertThat(check("r-001", Optional.of(reseller("7654321", "APAC", ResellerStatus.SUSPENDED, false))))
        .extracting(Violation::rule)
        .containsExactly("reseller-not-active", "reseller-agreement-not-signed", "reseller-other-region");
  }
}
