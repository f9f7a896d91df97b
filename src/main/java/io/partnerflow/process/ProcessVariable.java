package io.partnerflow.process;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.plugin.variable.SpinValues;

/**
 * One named, typed process variable. Delegates, listeners, REST clients and tests all go through
 * these constants, so a variable's name and type are written down exactly once per process.
 *
 * <p>Lists and objects are stored as Spin JSON, the type Tasklist itself uses when a Camunda Form
 * submits a dynamic list, so a value written by a form and one written by a delegate read alike.
 *
 * <p>Each variable also says who may write it: the forms named by {@link #writtenBy} (a start or
 * task form, by its form id), or, without any, the server only. A decision variable names the
 * values it takes ({@link #oneOf}); a submission of its form must carry one of them. The submission
 * guard ({@code trust.SubmissionGuard}) refuses every submission that breaks this contract.
 */
public final class ProcessVariable<T> {

  /** How a value of the variable looks when a client submits it. */
  public enum Kind { STRING, BOOLEAN, LONG, DOUBLE, ISO_DATE, JSON }

  private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

  private final String name;
  private final JavaType type;
  private final Kind kind;
  private final Set<String> writers;
  private final Set<T> allowedValues;

  private ProcessVariable(String name, JavaType type, Kind kind, Set<String> writers, Set<T> allowedValues) {
    this.name = name;
    this.type = type;
    this.kind = kind;
    this.writers = Set.copyOf(writers);
    this.allowedValues = allowedValues;
  }

  private ProcessVariable(String name, JavaType type, Kind kind) {
    this(name, type, kind, Set.of(), Set.of());
  }

  public static ProcessVariable<String> stringVariable(String name) {
    return new ProcessVariable<>(name, JSON.constructType(String.class), Kind.STRING);
  }

  /** A calendar date as Camunda Forms' date picker submits it: ISO text {@code yyyy-MM-dd}. */
  public static ProcessVariable<String> isoDateVariable(String name) {
    return new ProcessVariable<>(name, JSON.constructType(String.class), Kind.ISO_DATE);
  }

  public static ProcessVariable<Boolean> booleanVariable(String name) {
    return new ProcessVariable<>(name, JSON.constructType(Boolean.class), Kind.BOOLEAN);
  }

  public static ProcessVariable<Long> longVariable(String name) {
    return new ProcessVariable<>(name, JSON.constructType(Long.class), Kind.LONG);
  }

  public static ProcessVariable<Double> doubleVariable(String name) {
    return new ProcessVariable<>(name, JSON.constructType(Double.class), Kind.DOUBLE);
  }

  public static <E> ProcessVariable<List<E>> jsonListVariable(String name, Class<E> elementType) {
    return new ProcessVariable<>(name, JSON.getTypeFactory().constructCollectionType(List.class, elementType),
        Kind.JSON);
  }

  /** The same variable, writable by these forms (form ids) besides the server. */
  public ProcessVariable<T> writtenBy(String... formIds) {
    Set<String> all = new LinkedHashSet<>(writers);
    all.addAll(Arrays.asList(formIds));
    return new ProcessVariable<>(name, type, kind, all, allowedValues);
  }

  /** The same variable taking only these values: a submission of a form that writes it must carry one. */
  @SafeVarargs
  public final ProcessVariable<T> oneOf(T... values) {
    return new ProcessVariable<>(name, type, kind, writers, new LinkedHashSet<>(Arrays.asList(values)));
  }

  public String name() {
    return name;
  }

  public Kind kind() {
    return kind;
  }

  /** The forms that may write the variable; empty: the server only. */
  public Set<String> writers() {
    return writers;
  }

  /** The values a decision variable takes; empty: any value of its kind. */
  public Set<T> allowedValues() {
    return allowedValues;
  }

  /** The value, or null when the variable is absent or empty (an optional read). */
  public T from(VariableScope scope) {
    return convert(scope.getVariableTyped(name, false));
  }

  /** A required read: the value, or an exception naming the variable when it is absent or empty. */
  public T get(VariableScope scope) {
    T value = from(scope);
    if (value == null) {
      throw new IllegalStateException("Process variable '" + name + "' is required here but has no value");
    }
    return value;
  }

  public Optional<T> optionalFrom(VariableScope scope) {
    return Optional.ofNullable(from(scope));
  }

  /**
   * Reads a submitted value strictly as this variable's type: no coercion of 2.5 to 2 or of
   * "ten" to a number, no unknown properties in JSON.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public T parseStrict(Object raw) {
    try {
      Object source = kind == Kind.JSON && raw instanceof String text ? STRICT.readTree(text) : raw;
      return STRICT.convertValue(source, type);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new IllegalArgumentException("not a valid " + describeType(), e);
    }
  }

  /** The type in words, for error messages: "list of OrderLineInput", "true or false", ... */
  public String describeType() {
    return switch (kind) {
      case STRING -> "text";
      case ISO_DATE -> "date (yyyy-MM-dd)";
      case BOOLEAN -> "true or false";
      case LONG -> "whole number";
      case DOUBLE -> "number";
      case JSON -> "list of " + type.getContentType().getRawClass().getSimpleName();
    };
  }

  private static final ObjectMapper STRICT = new ObjectMapper().findAndRegisterModules()
      .disable(com.fasterxml.jackson.databind.DeserializationFeature.ACCEPT_FLOAT_AS_INT)
      .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .disable(com.fasterxml.jackson.databind.MapperFeature.ALLOW_COERCION_OF_SCALARS);

  /** Reads from a plain map, e.g. the variables a REST call or a test submits. */
  public T from(Map<String, Object> variables) {
    Object raw = variables instanceof VariableMap map ? map.getValueTyped(name) : variables.get(name);
    return raw instanceof TypedValue typed ? convert(typed) : convertRaw(raw);
  }

  public void set(VariableScope scope, T value) {
    scope.setVariable(name, typed(value));
  }

  public void setLocal(VariableScope scope, T value) {
    scope.setVariableLocal(name, typed(value));
  }

  public void remove(VariableScope scope) {
    scope.removeVariable(name);
  }

  /** Adds the value to a variable map, typed as the engine will store it. */
  public VariableMap putIn(VariableMap variables, T value) {
    return variables.putValueTyped(name, typed(value));
  }

  public TypedValue typed(T value) {
    if (kind != Kind.JSON) {
      return Variables.untypedValue(value);
    }
    try {
      return SpinValues.jsonValue(value == null ? "null" : JSON.writeValueAsString(value)).create();
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Variable " + name + " cannot be written as JSON", e);
    }
  }

  private T convert(TypedValue typed) {
    if (typed == null || typed.getValue() == null && !(typed instanceof SerializableValue)) {
      return null;
    }
    if (typed instanceof SerializableValue serializable && serializable.getValueSerialized() != null
        && !serializable.isDeserialized()) {
      return parse(serializable.getValueSerialized());
    }
    return convertRaw(typed.getValue());
  }

  private T convertRaw(Object raw) {
    if (raw == null) {
      return null;
    }
    if (raw instanceof String text && kind == Kind.JSON) {
      return parse(text);
    }
    if (kind == Kind.JSON && !type.getRawClass().isInstance(raw)) {
      // Spin JSON nodes print as JSON text
      return parse(raw.toString());
    }
    if (raw instanceof String text && text.isBlank() && type.getRawClass() != String.class) {
      return null;
    }
    return JSON.convertValue(raw, type);
  }

  private T parse(String text) {
    try {
      return text.isBlank() ? null : JSON.readValue(text, type);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Variable " + name + " is not valid JSON of the expected shape", e);
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
