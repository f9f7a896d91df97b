package io.partnerflow.api;

import io.partnerflow.api.IdempotentStarts.Started;
import java.net.URI;
import org.springframework.http.ResponseEntity;

/** Responses shared by the controllers. */
final class StartResponses {

  private StartResponses() {}

  /** 201 with Location for a new start, 200 with the same Location for a replayed one. */
  static <T> ResponseEntity<T> started(String basePath, Started started, T body) {
    URI location = URI.create(basePath + started.processInstanceId());
    return started.created() ? ResponseEntity.created(location).body(body)
        : ResponseEntity.ok().location(location).body(body);
  }
}
