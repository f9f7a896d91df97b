package io.partnerflow.partnercenter.fake;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One request the fake received: which API (Partner Center, Graph, login), method, path, query, headers, JSON body. */
public record FakeRequest(String api, String method, String path, Map<String, String> query,
    Map<String, String> headers, String rawBody, JsonNode body) {

  public String header(String name) {
    return headers.get(name.toLowerCase());
  }

  /** The path's groups when it matches the pattern (whole path), else null. */
  public Matcher match(String method, String pathPattern) {
    if (!this.method.equalsIgnoreCase(method)) {
      return null;
    }
    Matcher m = Pattern.compile(pathPattern).matcher(path);
    return m.matches() ? m : null;
  }

  public String requestId() {
    return header("MS-RequestId");
  }
}
