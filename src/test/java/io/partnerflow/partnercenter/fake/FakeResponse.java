package io.partnerflow.partnercenter.fake;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the fake answers: status, headers and an optional JSON body. */
public record FakeResponse(int status, Map<String, String> headers, JsonNode body) {

  public static FakeResponse of(int status, JsonNode body) {
    return new FakeResponse(status, new LinkedHashMap<>(), body);
  }

  public static FakeResponse empty(int status) {
    return new FakeResponse(status, new LinkedHashMap<>(), null);
  }

  public FakeResponse header(String name, String value) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put(name, value);
    return new FakeResponse(status, h, body);
  }
}
