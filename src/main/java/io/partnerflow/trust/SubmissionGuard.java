package io.partnerflow.trust;

import com.fasterxml.jackson.databind.JsonNode;
import io.partnerflow.process.ProcessVariable;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Checks the variables of one submission (a task completion or a process start, as the engine's
 * REST API receives them: {@code {"name": {"value": ..., "type": ..., "valueInfo": ...}}}) against
 * the contract of the form submitted: only variables the form writes, each of its declared type,
 * decisions within their values and present. A value a form merely shows (a read-only field) may
 * come back unchanged; nothing else. Returns one sentence per broken rule, each naming the field.
 */
@Component
public class SubmissionGuard {

  private static final Set<String> STRING_TYPES = Set.of("string");
  private static final Set<String> BOOLEAN_TYPES = Set.of("boolean");
  private static final Set<String> WHOLE_TYPES = Set.of("integer", "long", "short");
  private static final Set<String> NUMBER_TYPES = Set.of("integer", "long", "short", "double");
  private static final Set<String> JSON_TYPES = Set.of("json", "object");

  private final FormContracts contracts;

  public SubmissionGuard(FormContracts contracts) {
    this.contracts = contracts;
  }

  /**
   * @param formId the form of the task or start event submitted (null: it has none, so it writes nothing)
   * @param variables the submission's {@code variables} object (null or missing: none)
   * @param current the variable's current value in the instance (empty for a start)
   */
  public List<String> check(String formId, JsonNode variables, Function<String, Optional<Object>> current) {
    Map<String, ProcessVariable<?>> writable = contracts.writableBy(formId);
    List<String> problems = new ArrayList<>();
    if (variables != null && !variables.isNull() && !variables.isObject()) {
      return List.of("variables: must be an object of name to {value, type}");
    }
    if (variables != null && variables.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = variables.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = it.next();
        String name = entry.getKey();
        JsonNode submitted = entry.getValue();
        ProcessVariable<?> variable = writable.get(name);
        if (variable == null) {
          if (!unchanged(submitted, current.apply(name))) {
            problems.add(name + ": this form may not set it (" + (formId == null ? "a step without a form" : formId)
                + " writes " + (writable.isEmpty() ? "nothing" : String.join(", ", writable.keySet())) + ")");
          }
          continue;
        }
        check(variable, submitted).ifPresent(problems::add);
      }
    }
    for (ProcessVariable<?> decision : writable.values()) {
      if (!decision.allowedValues().isEmpty() && missing(variables, decision.name())) {
        problems.add(decision.name() + ": is required, one of " + values(decision));
      }
    }
    return problems;
  }

  private static Optional<String> check(ProcessVariable<?> variable, JsonNode submitted) {
    if (submitted == null || !submitted.isObject()) {
      return Optional.of(variable.name() + ": must be an object {\"value\": ..., \"type\": ...}");
    }
    JsonNode value = submitted.path("value");
    String type = submitted.path("type").asText("").toLowerCase(java.util.Locale.ROOT);
    if (value.isMissingNode() || value.isNull()) {
      return variable.allowedValues().isEmpty() ? Optional.empty()
          : Optional.of(variable.name() + ": is required, one of " + values(variable));
    }
    Object parsed;
    try {
      parsed = parse(variable, value, type);
    } catch (IllegalArgumentException e) {
      return Optional.of(variable.name() + ": must be " + variable.describeType() + detail(e));
    }
    if (!variable.allowedValues().isEmpty() && !variable.allowedValues().contains(parsed)) {
      return Optional.of(variable.name() + ": must be one of " + values(variable));
    }
    return Optional.empty();
  }

  private static Object parse(ProcessVariable<?> variable, JsonNode value, String type) {
    switch (variable.kind()) {
      case STRING -> {
        require(value.isTextual() && typeIn(type, STRING_TYPES));
        return value.asText();
      }
      case ISO_DATE -> {
        require(value.isTextual() && typeIn(type, STRING_TYPES));
        try {
          return LocalDate.parse(value.asText()).toString();
        } catch (DateTimeParseException e) {
          throw new IllegalArgumentException(e);
        }
      }
      case BOOLEAN -> {
        require(value.isBoolean() && typeIn(type, BOOLEAN_TYPES));
        return value.asBoolean();
      }
      case LONG -> {
        require(value.isIntegralNumber() && value.canConvertToLong() && typeIn(type, WHOLE_TYPES));
        return value.asLong();
      }
      case DOUBLE -> {
        require(value.isNumber() && typeIn(type, NUMBER_TYPES));
        return value.asDouble();
      }
      case JSON -> {
        require(value.isTextual() && JSON_TYPES.contains(type));
        return variable.parseStrict(value.asText());
      }
      default -> throw new IllegalStateException("Unknown kind " + variable.kind());
    }
  }

  private static boolean typeIn(String type, Set<String> types) {
    return type.isEmpty() || types.contains(type);
  }

  private static void require(boolean condition) {
    if (!condition) {
      throw new IllegalArgumentException((String) null);
    }
  }

  private static String detail(IllegalArgumentException e) {
    Throwable cause = e.getCause();
    while (cause != null && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof com.fasterxml.jackson.databind.JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      return " (at " + mapping.getPathReference().replaceAll("^[^\\[]*", "") + ")";
    }
    return "";
  }

  /** A value the form shows but does not own may come back exactly as it is. */
  private static boolean unchanged(JsonNode submitted, Optional<Object> current) {
    if (submitted == null || !submitted.isObject()) {
      return false;
    }
    JsonNode value = submitted.path("value");
    Object now = current.orElse(null);
    if (value.isMissingNode() || value.isNull()) {
      return now == null;
    }
    if (now == null) {
      return value.isTextual() && value.asText().isEmpty(); // form-js shows a missing text as ""
    }
    if (now instanceof Number number) {
      return value.isNumber() && Double.compare(value.asDouble(), number.doubleValue()) == 0;
    }
    if (now instanceof Boolean bool) {
      return value.isBoolean() && value.asBoolean() == bool;
    }
    if (now instanceof String text) {
      return value.isTextual() && value.asText().equals(text);
    }
    return false;
  }

  private static boolean missing(JsonNode variables, String name) {
    if (variables == null || !variables.isObject() || !variables.has(name)) {
      return true;
    }
    JsonNode value = variables.get(name).path("value");
    return value.isMissingNode() || value.isNull();
  }

  private static String values(ProcessVariable<?> variable) {
    return variable.allowedValues().stream().map(Objects::toString).collect(Collectors.joining(", "));
  }
}
