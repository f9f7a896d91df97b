package io.partnerflow.process;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BusinessKeysTest {

  @Test
  void theFirstNonBlankCandidateTrimmed() {
    assertThat(BusinessKeys.of(null, "  ", " Contoso S.L. ", "other")).isEqualTo("Contoso S.L.");
    assertThat(BusinessKeys.of(null, "")).isNull();
  }

  @Test
  void cutToTheEnginesColumn() {
    assertThat(BusinessKeys.of("x".repeat(300))).hasSize(BusinessKeys.MAX_LENGTH);
  }

  @Test
  void aDomainPrefixKeyIsLowerCaseAsTheRegistryComparesIt() {
    assertThat(BusinessKeys.ofDomainPrefix(" FabriKAM ")).isEqualTo("fabrikam");
    assertThat(BusinessKeys.ofDomainPrefix(" ")).isNull();
  }
}
