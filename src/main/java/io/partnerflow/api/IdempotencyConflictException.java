package io.partnerflow.api;

/**
 * A client request id ({@code Idempotency-Key}) that was already used for another operation, by
 * another user or with another body: 409, nothing is started.
 */
public class IdempotencyConflictException extends RuntimeException {

  public IdempotencyConflictException(String message) {
    super(message);
  }
}
