package io.partnerflow.api;

/** The resource an API call names does not exist (or the caller may not see it): 404. */
public class ApiNotFoundException extends RuntimeException {

  public ApiNotFoundException(String message) {
    super(message);
  }
}
