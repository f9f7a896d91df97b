package io.partnerflow.validation;

import java.util.List;
import java.util.stream.Collectors;

/** Renders violations for the correction forms: one Markdown bullet per broken rule. */
public final class Violations {

  private Violations() {}

  public static String asBulletList(List<Violation> violations) {
    return violations.stream().map(v -> "- **" + v.field() + "**: " + v.message() + " (`" + v.rule() + "`)")
        .collect(Collectors.joining("\n"));
  }
}
