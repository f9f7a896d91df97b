package io.partnerflow.benchmark;

import static io.partnerflow.onboarding.OnboardingProcess.OFFER_OPTIONS;
import static io.partnerflow.onboarding.OnboardingProcess.ORDER_LINES;
import static io.partnerflow.onboarding.OnboardingProcess.RESELLER_OPTIONS;

import io.partnerflow.catalog.OrderLineInput;
import io.partnerflow.onboarding.OnboardingDriver;
import io.partnerflow.onboarding.SelectOption;
import io.partnerflow.process.ProcessVariable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.Variables.SerializationDataFormats;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;

/**
 * JSON, as our variable contract stores lists (and Camunda Forms in Tasklist need), against Java
 * serialization: in the running engine, each operation writes the onboarding's three list
 * variables to an instance waiting in a user task and reads them back deserialized; also the bytes
 * stored. The engine's {@code javaSerializationFormatEnabled} (off in the product) guards only values
 * that arrive already serialized (REST clients, {@code Variables.serializedObjectValue}); Java objects
 * set through the Java API are serialized by the engine in every configuration. So Java is measured
 * in every variant, and a probe reports whether serialized Java input is rejected.
 */
final class SerializationScenario {

  static final String PROCESS_KEY = "benchmark-variables";
  static final String RESOURCE = "benchmark/variables.bpmn";
  static final String OPERATIONS_PROPERTY = "benchmark.serialization.operations";
  static final int DEFAULT_OPERATIONS = 200;
  static final String REJECTED = "rejected by the engine (product default: Java serialization disabled)";

  /** Where the engine logs failed commands (ENGINE-16004). */
  private static final String COMMAND_CONTEXT_LOGGER = "org.camunda.bpm.engine.context";
  /** A partner with a large indirect channel: Tasklist loads every option with the form. */
  private static final int LARGE_RESELLERS = 250;
  private static final int LARGE_ORDER_LINES = 10;
  private static final List<ProcessVariable<? extends List<?>>> LISTS = List.of(RESELLER_OPTIONS, OFFER_OPTIONS,
      ORDER_LINES);
  private static final List<String> NAMES = LISTS.stream().map(ProcessVariable::name).toList();

  private SerializationScenario() {}

  /** Java serialization needs Serializable classes and our records need not be: the Java side stores these. */
  record SerializableOption(String label, String value) implements Serializable {}

  record SerializableOrderLine(String offerId, Integer quantity) implements Serializable {}

  /** The same three lists, as JSON through our contract and as Java-serialized objects. */
  private record Values(String label, List<SelectOption> resellers, List<SelectOption> offers,
      List<OrderLineInput> lines) {

    String describe() {
      return String.format(Locale.ROOT, "%s: %d reseller options, %d offer options, %d order lines", label,
          resellers.size(), offers.size(), lines.size());
    }

    List<List<?>> lists() {
      return List.of(resellers, offers, lines);
    }

    /** The same lists of Serializable copies, in the order of {@link #LISTS}. */
    List<List<?>> javaLists() {
      Function<SelectOption, SerializableOption> option = o -> new SerializableOption(o.label(), o.value());
      return List.of(new ArrayList<>(resellers.stream().map(option).toList()),
          new ArrayList<>(offers.stream().map(option).toList()),
          new ArrayList<>(lines.stream().map(l -> new SerializableOrderLine(l.offerId(), l.quantity())).toList()));
    }

    VariableMap json() {
      VariableMap json = Variables.createVariables();
      RESELLER_OPTIONS.putIn(json, resellers);
      OFFER_OPTIONS.putIn(json, offers);
      ORDER_LINES.putIn(json, lines);
      return json;
    }

    VariableMap java() {
      VariableMap java = Variables.createVariables();
      List<List<?>> copies = javaLists();
      for (int v = 0; v < NAMES.size(); v++) {
        java.putValueTyped(NAMES.get(v), Variables.objectValue(copies.get(v))
            .serializationDataFormat(SerializationDataFormats.JAVA).create());
      }
      return java;
    }
  }

  /** Both formats' figures for one set of values. */
  private record Comparison(Figures json, Figures java) {}

  /** One format's figures for one set of values. */
  private record Figures(Summary msPerOperation, Map<String, Integer> bytes) {
    String bytesText() {
      return bytes.values().stream().mapToInt(Integer::intValue).sum() + " ("
          + String.join(" / ", bytes.values().stream().map(String::valueOf).toList()) + ")";
    }
  }

  static String run(BenchmarkApp app, BenchmarkSettings settings, String variant) throws IOException {
    int operations = SectionTiming.positiveProperty(OPERATIONS_PROPERTY, DEFAULT_OPERATIONS);
    RuntimeService runtime = app.engine.getRuntimeService();
    app.engine.getRepositoryService().createDeployment().name("benchmark variables").addClasspathResource(RESOURCE)
        .enableDuplicateFiltering(true).deploy();
    List<String> instances = new ArrayList<>();
    try {
      // The options exactly as the onboarding's listeners load them; the order the benchmark's onboarding submits
      String loadedBy = start(runtime, instances);
      VariableMap loaded = runtime.getVariablesTyped(loadedBy, NAMES, false);
      Values asProduced = new Values("as the onboarding produces them", RESELLER_OPTIONS.from(loaded),
          OFFER_OPTIONS.from(loaded), OnboardingDriver.E3_WITH_TEAMS_PHONE);
      Values large = large(asProduced);
      String serializedJava = serializedJavaInput(app, runtime, loadedBy, asProduced, variant);

      Map<Values, Comparison> results = new LinkedHashMap<>();
      for (Values values : List.of(asProduced, large)) {
        results.put(values, measure(runtime, settings, operations, values, instances, variant));
      }
      return report(settings, variant, operations, results, serializedJava);
    } finally {
      instances.forEach(id -> runtime.deleteProcessInstance(id, "benchmark measured"));
    }
  }

  /**
   * Whether the engine takes a Java-serialized value sent serialized, as a REST client sends it;
   * fails if that contradicts its configuration, so the report never claims a rejection that did
   * not happen (or the reverse).
   */
  private static String serializedJavaInput(BenchmarkApp app, RuntimeService runtime, String instance,
      Values values, String variant) throws IOException {
    boolean enabled = ((ProcessEngineConfigurationImpl) app.engine.getProcessEngineConfiguration())
        .isJavaSerializationFormatEnabled();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(values.javaLists().get(0));
    }
    // The engine logs every failed command as an error with its stack; here a rejection is an expected answer
    LoggingSystem logging = app.context.getBean(LoggingSystem.class);
    logging.setLogLevel(COMMAND_CONTEXT_LOGGER, LogLevel.OFF);
    try {
      runtime.setVariable(instance, RESELLER_OPTIONS.name(), Variables
          .serializedObjectValue(Base64.getEncoder().encodeToString(bytes.toByteArray()))
          .serializationDataFormat(SerializationDataFormats.JAVA).objectTypeName(ArrayList.class.getName()).create());
    } catch (ProcessEngineException rejected) {
      if (enabled) {
        throw new IllegalStateException("javaSerializationFormatEnabled is true in variant " + variant
            + " but the engine rejected a serialized Java value: " + rejected.getMessage(), rejected);
      }
      Benchmark.progress("%s serialization: serialized Java input %s: %s", variant, REJECTED, rejected.getMessage());
      return REJECTED;
    } finally {
      logging.setLogLevel(COMMAND_CONTEXT_LOGGER, null);
    }
    if (!enabled) {
      throw new IllegalStateException("The engine of variant " + variant + " stored a serialized Java value "
          + "although javaSerializationFormatEnabled is false");
    }
    return "accepted (javaSerializationFormatEnabled=true)";
  }

  /** Warm-up, then measured rounds that alternate which format goes first. */
  private static Comparison measure(RuntimeService runtime, BenchmarkSettings settings, int operations,
      Values values, List<String> instances, String variant) {
    String jsonInstance = start(runtime, instances);
    String javaInstance = start(runtime, instances);
    VariableMap json = values.json();
    VariableMap java = values.java();
    List<Double> jsonRounds = new ArrayList<>();
    List<Double> javaRounds = new ArrayList<>();
    for (int round = 0; round < settings.warmupRounds() + settings.rounds(); round++) {
      int first = round * operations;
      double javaMs = Double.NaN;
      if (round % 2 == 1) {
        javaMs = SectionTiming.msPerCall(operations, first, i -> writeAndReadJava(runtime, javaInstance, java));
      }
      double jsonMs = SectionTiming.msPerCall(operations, first, i -> writeAndReadJson(runtime, jsonInstance, json));
      if (round % 2 == 0) {
        javaMs = SectionTiming.msPerCall(operations, first, i -> writeAndReadJava(runtime, javaInstance, java));
      }
      if (round >= settings.warmupRounds()) {
        jsonRounds.add(jsonMs);
        javaRounds.add(javaMs);
        Benchmark.progress("%s serialization %s round %d: JSON %.3f ms, Java %.3f ms", variant, values.label(),
            round - settings.warmupRounds() + 1, jsonMs, javaMs);
      }
    }
    requireRoundTrip("JSON", values, values.lists(), writeAndReadJson(runtime, jsonInstance, json));
    requireRoundTrip("Java", values, values.javaLists(), writeAndReadJava(runtime, javaInstance, java));
    return new Comparison(new Figures(Summary.of(jsonRounds), storedBytes(runtime, jsonInstance)),
        new Figures(Summary.of(javaRounds), storedBytes(runtime, javaInstance)));
  }

  /** What a delegate does through our contract: the serialized JSON, parsed into the typed lists. */
  private static List<List<?>> writeAndReadJson(RuntimeService runtime, String instance, VariableMap json) {
    runtime.setVariables(instance, json);
    VariableMap read = runtime.getVariablesTyped(instance, NAMES, false);
    return LISTS.stream().<List<?>>map(list -> list.from(read)).toList();
  }

  private static List<List<?>> writeAndReadJava(RuntimeService runtime, String instance, VariableMap java) {
    runtime.setVariables(instance, java);
    VariableMap read = runtime.getVariablesTyped(instance, NAMES, true);
    return NAMES.stream().<List<?>>map(name -> (List<?>) read.getValue(name, List.class)).toList();
  }

  private static void requireRoundTrip(String format, Values values, List<List<?>> written, List<List<?>> read) {
    if (!written.equals(read)) {
      throw new IllegalStateException(format + " round trip of " + values.describe() + " changed the values: wrote "
          + written + ", read " + read);
    }
  }

  /**
   * The stored form of each variable, from the engine's serialized value: Java bytes come back
   * Base64-encoded, JSON as its text (stored as UTF-8).
   */
  private static Map<String, Integer> storedBytes(RuntimeService runtime, String instance) {
    Map<String, Integer> bytes = new LinkedHashMap<>();
    for (String name : NAMES) {
      TypedValue value = runtime.createVariableInstanceQuery().processInstanceIdIn(instance).variableName(name)
          .disableCustomObjectDeserialization().singleResult().getTypedValue();
      if (!(value instanceof SerializableValue serializable) || serializable.getValueSerialized() == null) {
        throw new IllegalStateException("Variable " + name + " of instance " + instance + " has no serialized value: "
            + value);
      }
      bytes.put(name, SerializationDataFormats.JAVA.getName().equals(serializable.getSerializationDataFormat())
          ? Base64.getDecoder().decode(serializable.getValueSerialized()).length
          : serializable.getValueSerialized().getBytes(StandardCharsets.UTF_8).length);
    }
    return bytes;
  }

  /** The catalog as it is, {@value #LARGE_RESELLERS} resellers, an order of {@value #LARGE_ORDER_LINES} lines. */
  private static Values large(Values produced) {
    List<SelectOption> resellers = IntStream.range(0, LARGE_RESELLERS)
        .mapToObj(r -> new SelectOption(String.format(Locale.ROOT, "Reseller %03d Cloud Services (%d, ES)", r,
            5_200_000 + r), UUID.nameUUIDFromBytes(("reseller-" + r).getBytes(StandardCharsets.UTF_8)).toString()))
        .toList();
    List<OrderLineInput> lines = IntStream.range(0, LARGE_ORDER_LINES)
        .mapToObj(l -> new OrderLineInput(produced.offers().get(l % produced.offers().size()).value(), 10 + l))
        .toList();
    return new Values("a large indirect channel", resellers, produced.offers(), lines);
  }

  private static String start(RuntimeService runtime, List<String> instances) {
    String id = runtime.startProcessInstanceByKey(PROCESS_KEY).getId();
    instances.add(id);
    return id;
  }

  private static String report(BenchmarkSettings settings, String variant, int operations,
      Map<Values, Comparison> results, String serializedJava) {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "%n### Variable serialization (variant %s)%n%n", variant));
    out.append(String.format(Locale.ROOT, "On %s. One operation: setVariables of %s on an instance waiting in a user "
            + "task, then getVariables read back into the lists (JSON: the serialized text parsed through our "
            + "ProcessVariable contract, as delegates read it; Java: objects the engine serializes and deserializes). "
            + "%d operations per round, %d warm-up + %d measured rounds alternating which format goes first; ms per "
            + "operation, median (min–max). Bytes: the three runtime values, total (%s); history keeps a copy of "
            + "each latest value too (and one per write only with partnerflow.history.variable-details=all). The "
            + "Java side stores Serializable copies of our records (ours need not be).%n%n",
        settings.database(), String.join(", ", NAMES), operations, settings.warmupRounds(), settings.rounds(),
        String.join(" / ", NAMES)));
    out.append("| values | JSON ms/op | Java ms/op | Java / JSON | JSON bytes | Java bytes |\n"
        + "|---|--:|--:|--:|--:|--:|\n");
    results.forEach((values, both) -> out.append("| ").append(values.describe())
        .append(" | ").append(both.json().msPerOperation().format(3))
        .append(" | ").append(both.java().msPerOperation().format(3))
        .append(" | ").append(String.format(Locale.ROOT, "%.2f",
            both.java().msPerOperation().median() / both.json().msPerOperation().median()))
        .append(" | ").append(both.json().bytesText()).append(" | ").append(both.java().bytesText()).append(" |\n"));
    out.append("\nJava-serialized values sent serialized (as REST clients send them): ").append(serializedJava)
        .append(". javaSerializationFormatEnabled guards only that path: Java objects set through the Java API, as "
            + "measured above, are serialized by the engine itself in every configuration.\n");
    return out.toString();
  }
}
