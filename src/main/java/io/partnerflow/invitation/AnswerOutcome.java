package io.partnerflow.invitation;

/** What became of an answer: the first one wins, anything later changes nothing. */
public enum AnswerOutcome {
  ACCEPTED,
  DECLINED,
  ALREADY_ANSWERED,
  EXPIRED,
  UNKNOWN
}
