package io.partnerflow.provisioning;

import java.time.Duration;

/**
 * Partner Center answered 429 Too Many Requests: nothing was done, and it asks us to wait at least
 * {@link #retryAfter()} before the next call. The job that made the call is retried after that wait
 * without counting as a failed attempt ({@code partnercenter.ThrottledJobRetry}).
 */
public class PartnerCenterThrottledException extends PartnerCenterUnavailableException {

  private final Duration retryAfter;

  public PartnerCenterThrottledException(Duration retryAfter, String message) {
    super(429, message);
    this.retryAfter = retryAfter;
  }

  public Duration retryAfter() {
    return retryAfter;
  }
}
