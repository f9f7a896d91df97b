package io.partnerflow.invitation;

public enum AnswerChannel {
  LINK,
  EMAIL
}
