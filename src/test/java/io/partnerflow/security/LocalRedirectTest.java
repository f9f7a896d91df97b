package io.partnerflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LocalRedirectTest {

  @ParameterizedTest
  @ValueSource(strings = {"/", "/mailbox", "/mailbox/3?replied=true", "/customers?q=fab&dir=desc#top",
      "/camunda/app/tasklist/default/#/?task=1", "/customers/%2F%2Fevil.example"})
  void keepsPathsOnThisSite(String next) {
    assertThat(LocalRedirect.of(next)).contains(next);
  }

  @Test
  void noNextMeansTheStartPage() {
    assertThat(LocalRedirect.of(null)).contains(LocalRedirect.DEFAULT);
    assertThat(LocalRedirect.of("")).contains(LocalRedirect.DEFAULT);
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://evil.example/", "http:/evil.example", "//evil.example", "///evil.example",
      "/\\evil.example", "\\\\evil.example", "/\t/evil.example", "/\n/evil.example", "/ /evil.example",
      "javascript:alert(1)", "evil.example/mailbox", "mailbox", "/mailbox\u00a0", "/päth", "/a b",
      "/mailbox%", " /mailbox"})
  void refusesAnythingThatCouldLeaveTheSite(String next) {
    assertThat(LocalRedirect.of(next)).isEmpty();
  }

  @Test
  void refusesOverlongPaths() {
    assertThat(LocalRedirect.of("/" + "a".repeat(LocalRedirect.MAX_LENGTH - 1))).isPresent();
    assertThat(LocalRedirect.of("/" + "a".repeat(LocalRedirect.MAX_LENGTH))).isEmpty();
  }
}
