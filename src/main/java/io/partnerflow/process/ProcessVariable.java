package io.partnerflow.process;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 */
public final class ProcessVariable<T> {

  private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

  private final String name;
  private final JavaType type;
  private final boolean json;

  private ProcessVariable(String name, JavaType type, boolean json) {
    this.name = name;
    this.type = type;
    this.json = json;
  }

  public static ProcessVariable<String> stringVariable(String name) {
    return new ProcessVariable<>(name, JSON.constructType(String.class), false);
  }

  public static ProcessVariable<Boolean> booleanVariable(String name) {
    return new ProcessVariable<>(name, JSON.constructType(Boolean.class), false);
  }

  public static ProcessVariable<Long> longVariable(String name) {
    return new ProcessVariable<>(name, JSON.constructType(Long.class), false);
  }

  public static ProcessVariable<Double> doubleVariable(String name) {
    return new ProcessVariable<>(name, JSON.constructType(Double.class), false);
  }

  public static <E> ProcessVariable<List<E>> jsonListVariable(String name, Class<E> elementType) {
    return new ProcessVariable<>(name, JSON.getTypeFactory().constructCollectionType(List.class, elementType), true);
  }

  public String name() {
    return name;
  }

  /** The value, or null when the variable is absent or empty. */
  public T from(VariableScope scope) {
    return convert(scope.getVariableTyped(name, false));
  }

  public Optional<T> optionalFrom(VariableScope scope) {
    return Optional.ofNullable(from(scope));
  }

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
    if (!json) {
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
    if (raw instanceof String text && json) {
      return parse(text);
    }
    if (json && !type.getRawClass().isInstance(raw)) {
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
