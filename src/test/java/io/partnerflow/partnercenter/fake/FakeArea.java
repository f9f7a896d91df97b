package io.partnerflow.partnercenter.fake;

import java.util.Optional;

/**
 * One part of Microsoft's APIs the fake answers (customers, carts, subscriptions, relationship
 * requests, Graph's admin relationships...), with the state it keeps. Empty when the request is not
 * this area's.
 */
public interface FakeArea {

  Optional<FakeResponse> handle(FakeRequest request, FakeMicrosoft microsoft);

  /** Forgets its state (between tests). */
  void reset();
}
