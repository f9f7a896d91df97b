package io.partnerflow.invitation;

public enum AnswerType {
  ACCEPT,
  DECLINE
}
