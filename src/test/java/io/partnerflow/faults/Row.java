package io.partnerflow.faults;

/**
 * One scenario's line in the report. {@code duplicates} counts extra welcome mails outside the crash
 * window plus extra customers and subscriptions; {@code lost} counts onboarded customers without
 * their mail and mails recorded as sent that the server never stored.
 */
record Row(int scenario, String fault, String db, int rounds, int onboardings, int undone, int notFinished,
    int deadlineSeconds, int duplicates, int windowDuplicates, int lost, String figures) {

  static final String HEADER = "| # | fault | db | rounds | onboardings | undone | not finished | duplicates"
      + " | window duplicates | lost | figures |\n|--:|---|---|--:|--:|--:|--:|--:|--:|--:|---|";

  /** Anything acknowledged undone, unfinished, lost, or sent twice outside the window. */
  boolean failed() {
    return undone > 0 || notFinished > 0 || duplicates > 0 || lost > 0;
  }

  String markdown() {
    return String.format("| %d | %s | %s | %d | %d | %d | %s | %d | %d | %d | %s |", scenario, fault, db, rounds,
        onboardings, undone, notFinished == 0 ? "0" : notFinished + " (in " + deadlineSeconds + " s)",
        duplicates, windowDuplicates, lost, figures);
  }

  static Row error(int scenario, String fault, String db, int rounds, Exception e) {
    return new Row(scenario, fault, db, rounds, 0, 0, -1, 0, 0, 0, 0,
        "**harness error**: " + e.toString().replace('|', '/').replace('\n', ' '));
  }

  boolean harnessError() {
    return notFinished < 0;
  }
}
