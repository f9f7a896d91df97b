package io.partnerflow.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ViolationsTest {

  @Test
  void formsShowOneSentencePerRuleWithoutFieldPathsOrRuleIds() {
    String shown = Violations.asBulletList(List.of(
        new Violation("postalCode", "postal-code-format", "Postal code '1234' does not match the format for DE"),
        new Violation("orderLines[1].quantity", "quantity-range", "Line 2: Azure plan takes exactly 1 license, not 3.")));

    assertThat(shown).isEqualTo("- Postal code '1234' does not match the format for DE\n"
        + "- Line 2: Azure plan takes exactly 1 license, not 3.");
  }

  @Test
  void whatWasEnteredCannotBecomeMarkupInTasklistsMarkdown() {
    String shown = Violations.asBulletList(List.of(new Violation("contactEmail", "email-format",
        "Contact email '<img src=x onerror=alert(1)>' is **not** [valid](http://x)\n# heading")));

    assertThat(shown).doesNotContain("<img", "**not**", "\n#").doesNotContainPattern("[^\\\\]\\]\\(")
        .contains("&lt;img src=x onerror=alert(1)&gt;", "\\*\\*not\\*\\*", "\\[valid\\]");
  }

  @Test
  void theBpmnErrorCarriesTheRuleIdsInOrder() {
    assertThat(Violations.ruleIds(List.of(new Violation("country", "required", "Country is required"),
        new Violation("culture", "culture-format", "Culture 'x' is not of the form language-COUNTRY"))))
        .isEqualTo("country/required, culture/culture-format");
  }
}
