package io.partnerflow.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.partnerflow.validation.Violation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class OrderValidatorTest {

  static final Offer E3 = new Offer("O365-E3", "Office 365 E3", 1, 300, false, null, false);
  static final Offer AUDIO = new Offer("AUDIO-CONF", "Audio Conferencing", 1, 300, true, "O365-E3", false);
  static final Offer SEAT_PACK = new Offer("SEAT-PACK", "Seat Pack", 5, 50, false, null, false);
  static final Offer OLD = new Offer("O365-E4", "Office 365 E4", 1, 300, false, null, true);
  static final Map<String, Offer> CATALOG =
      Map.of(E3.id(), E3, AUDIO.id(), AUDIO, SEAT_PACK.id(), SEAT_PACK, OLD.id(), OLD);

  private final OrderValidator validator = new OrderValidator();

  private List<Violation> validate(OrderLineInput... lines) {
    return validator.validate(Arrays.asList(lines), CATALOG);
  }

  private static OrderLineInput line(String offerId, Integer quantity) {
    return new OrderLineInput(offerId, quantity);
  }

  private static void assertSingle(List<Violation> violations, String field, String rule) {
    assertThat(violations).extracting(Violation::field, Violation::rule).containsExactly(tuple(field, rule));
  }

  @Test
  void singleValidLineHasNoViolations() {
    assertThat(validate(line("O365-E3", 25))).isEmpty();
  }

  @Test
  void offerIdIsTrimmed() {
    assertThat(validate(line(" O365-E3 ", 25))).isEmpty();
  }

  @Test
  void orderWithoutLinesIsRejected() {
    assertSingle(validator.validate(List.of(), CATALOG), "orderLines", "required");
    assertSingle(validator.validate(null, CATALOG), "orderLines", "required");
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"  "})
  void licensesWithoutAnOfferAskForTheOfferOrRemovingTheLine(String offerId) {
    List<Violation> v = validate(line("O365-E3", 1), line(offerId, 1));
    assertSingle(v, "orderLines[1].offerId", "required");
    assertThat(v.get(0).message()).isEqualTo("Line 2: choose an offer, or clear its licenses to remove the line.");
  }

  @Test
  void unusedFormLinesAreSkippedAndLinesKeepTheirFormNumbers() {
    List<OrderLineInput> lines = new ArrayList<>();
    lines.add(line("O365-E3", 10));
    lines.add(null);
    lines.add(line(" ", null));
    lines.add(line("SEAT-PACK", 3));
    List<Violation> v = validator.validate(lines, CATALOG);
    assertSingle(v, "orderLines[3].quantity", "quantity-range");
    assertThat(v.get(0).message()).isEqualTo("Line 4: Seat Pack takes 5 to 50 licenses, not 3.");
    assertThat(OrderValidator.usedLines(lines)).containsExactly(line("O365-E3", 10), line("SEAT-PACK", 3));
  }

  @Test
  void anOrderOfOnlyUnusedLinesHasNoLines() {
    List<OrderLineInput> lines = new ArrayList<>();
    lines.add(null);
    lines.add(line(null, null));
    assertSingle(validator.validate(lines, CATALOG), "orderLines", "required");
  }

  @Test
  void offerNotInTheCatalogIsUnknown() {
    List<Violation> v = validate(line("NOPE", 1));
    assertSingle(v, "orderLines[0].offerId", "offer-unknown");
    assertThat(v.get(0).message()).contains("NOPE");
  }

  @Test
  void offerIsUnknownWhenThereIsNoCatalog() {
    assertSingle(validator.validate(List.of(line("O365-E3", 1)), null), "orderLines[0].offerId", "offer-unknown");
  }

  @Test
  void retiredOfferIsRejected() {
    List<Violation> v = validate(line("O365-E4", 10));
    assertSingle(v, "orderLines[0].offerId", "offer-retired");
    assertThat(v.get(0).message()).contains("Office 365 E4");
  }

  @Test
  void quantityIsRequired() {
    List<Violation> v = validate(line("O365-E3", null));
    assertSingle(v, "orderLines[0].quantity", "required");
    assertThat(v.get(0).message()).isEqualTo("Line 1: enter the number of licenses of Office 365 E3.");
  }

  @ParameterizedTest(name = "{0} x {1} is within limits")
  @CsvSource({"O365-E3,1", "O365-E3,300", "SEAT-PACK,5", "SEAT-PACK,50", "SEAT-PACK,20"})
  void quantityWithinTheOffersLimitsIsAccepted(String offerId, int quantity) {
    assertThat(validate(line(offerId, quantity))).isEmpty();
  }

  @ParameterizedTest(name = "{0} x {1} is outside {2}..{3}")
  @CsvSource({"O365-E3,0,1,300", "O365-E3,301,1,300", "O365-E3,-1,1,300", "SEAT-PACK,4,5,50", "SEAT-PACK,51,5,50"})
  void quantityOutsideTheOffersLimitsIsRejectedNamingThem(String offerId, int quantity, int min, int max) {
    List<Violation> v = validate(line(offerId, quantity));
    assertSingle(v, "orderLines[0].quantity", "quantity-range");
    assertThat(v.get(0).message()).startsWith("Line 1: ").contains(min + " to " + max + " licenses, not " + quantity);
  }

  @Test
  void anOfferWithOneAllowedCountSaysExactly() {
    Map<String, Offer> catalog = Map.of("AZURE-PLAN", new Offer("AZURE-PLAN", "Azure plan", 1, 1, false, null, false));
    assertThat(validator.validate(List.of(line("AZURE-PLAN", 2)), catalog)).extracting(Violation::message)
        .containsExactly("Line 1: Azure plan takes exactly 1 license, not 2.");
  }

  @Test
  void quantityOfAnUnknownOfferMustStillBePositive() {
    assertThat(validate(line("NOPE", 0))).extracting(Violation::field, Violation::rule).containsExactly(
        tuple("orderLines[0].offerId", "offer-unknown"), tuple("orderLines[0].quantity", "quantity-range"));
  }

  @Test
  void sameOfferOnTwoLinesIsADuplicate() {
    List<Violation> v = validate(line("O365-E3", 10), line("SEAT-PACK", 5), line("O365-E3", 5));
    assertSingle(v, "orderLines[2].offerId", "duplicate-line");
    assertThat(v.get(0).message()).isEqualTo(
        "Line 3: Office 365 E3 is already on line 1; change the licenses there and remove this line.");
  }

  @Test
  void addOnWithItsPrerequisiteIsAccepted() {
    assertThat(validate(line("O365-E3", 10), line("AUDIO-CONF", 10))).isEmpty();
  }

  @Test
  void addOnMayComeBeforeItsPrerequisite() {
    assertThat(validate(line("AUDIO-CONF", 10), line("O365-E3", 10))).isEmpty();
  }

  @Test
  void addOnWithoutItsPrerequisiteIsRejectedNamingIt() {
    List<Violation> v = validate(line("SEAT-PACK", 5), line("AUDIO-CONF", 10));
    assertSingle(v, "orderLines[1].offerId", "prerequisite-missing");
    assertThat(v.get(0).message()).contains("Audio Conferencing", "Office 365 E3");
  }

  @Test
  void reportsEveryBrokenRuleOnEveryLine() {
    assertThat(validate(line("O365-E4", 0), line(null, 5), line("AUDIO-CONF", 500), line("AUDIO-CONF", 1)))
        .extracting(Violation::field, Violation::rule).containsExactly(
            tuple("orderLines[0].offerId", "offer-retired"),
            tuple("orderLines[0].quantity", "quantity-range"),
            tuple("orderLines[1].offerId", "required"),
            tuple("orderLines[2].offerId", "prerequisite-missing"),
            tuple("orderLines[2].quantity", "quantity-range"),
            tuple("orderLines[3].offerId", "duplicate-line"),
            tuple("orderLines[3].offerId", "prerequisite-missing"));
  }
}
