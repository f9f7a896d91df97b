package io.partnerflow.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.model.bpmn.impl.BpmnModelConstants.CAMUNDA_NS;

import io.partnerflow.onboarding.OnboardingProcess;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.ErrorEventDefinition;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SendTask;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaExecutionListener;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.junit.jupiter.api.Test;

/**
 * The baseline is customer-onboarding with nothing of ours in it: if the onboarding changes shape,
 * this fails until {@code benchmark/onboarding-baseline.bpmn} is regenerated from it.
 */
class BaselineShapeTest {

  private static final String REGENERATE = "benchmark/onboarding-baseline.bpmn no longer has the shape of "
      + "processes/customer-onboarding.bpmn: regenerate the baseline from it (empty delegates and listeners, "
      + "no forms, conditions ${true}/${false})";
  private static final String PROCESS = "the process";
  private static final Set<String> FIXED_CONDITIONS = Set.of("${true}", "${false}");

  private static final BpmnModelInstance OURS = read("processes/" + OnboardingProcess.PROCESS_KEY + ".bpmn");
  private static final BpmnModelInstance BASELINE = read(BaselineWorkload.RESOURCE);

  @Test
  void sameFlowNodesWithTheSameTypes() {
    assertSameShape(model -> byId(model, FlowNode.class, node -> node.getElementType().getTypeName()));
  }

  @Test
  void sameSequenceFlows() {
    assertSameShape(model -> byId(model, SequenceFlow.class,
        flow -> flow.getSource().getId() + " -> " + flow.getTarget().getId()));
  }

  @Test
  void sameDefaultFlows() {
    assertSameShape(model -> byId(model, ExclusiveGateway.class,
        gateway -> gateway.getDefault() == null ? "none" : gateway.getDefault().getId()));
  }

  @Test
  void sameAsyncContinuations() {
    assertSameShape(model -> byId(model, FlowNode.class,
        node -> "asyncBefore=" + node.isCamundaAsyncBefore() + " asyncAfter=" + node.isCamundaAsyncAfter()));
  }

  @Test
  void sameNumberOfListenersPerElement() {
    assertSameShape(model -> Stream.concat(
            model.getModelElementsByType(CamundaExecutionListener.class).stream().map(l -> owner(l) + " execution"),
            model.getModelElementsByType(CamundaTaskListener.class).stream().map(l -> owner(l) + " task"))
        .collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting())));
  }

  @Test
  void sameBoundaryEvents() {
    assertSameShape(model -> byId(model, BoundaryEvent.class, event -> "on " + event.getAttachedTo().getId()
        + " cancels=" + event.cancelActivity() + " errors=" + event.getEventDefinitions().stream()
            .filter(ErrorEventDefinition.class::isInstance).map(ErrorEventDefinition.class::cast)
            .map(error -> error.getError().getId() + "/" + error.getError().getErrorCode()).sorted().toList()));
  }

  @Test
  void sameCandidateGroups() {
    assertSameShape(model -> byId(model, UserTask.class, task -> String.valueOf(task.getCamundaCandidateGroups())));
  }

  @Test
  void everyServiceAndSendTaskRunsTheEmptyDelegate() {
    assertThat(BASELINE.getModelElementsByType(ServiceTask.class)).isNotEmpty().allSatisfy(task -> assertThat(
        task.getCamundaClass()).as("camunda:class of %s", task.getId()).isEqualTo(EmptyDelegate.class.getName()));
    assertThat(BASELINE.getModelElementsByType(SendTask.class)).isNotEmpty().allSatisfy(task -> assertThat(
        task.getCamundaClass()).as("camunda:class of %s", task.getId()).isEqualTo(EmptyDelegate.class.getName()));
  }

  @Test
  void everyListenerIsTheEmptyListener() {
    Stream.concat(
            BASELINE.getModelElementsByType(CamundaExecutionListener.class).stream()
                .map(l -> Map.entry(owner(l), String.valueOf(l.getCamundaClass()))),
            BASELINE.getModelElementsByType(CamundaTaskListener.class).stream()
                .map(l -> Map.entry(owner(l), String.valueOf(l.getCamundaClass()))))
        .forEach(listener -> assertThat(listener.getValue()).as("listener class on %s", listener.getKey())
            .isEqualTo(EmptyListener.class.getName()));
  }

  @Test
  void nothingOfOursCanRun() {
    // No expression anywhere can reach one of our beans, forms or variables
    for (String attribute : List.of("delegateExpression", "expression", "formKey", "formRef", "initiator")) {
      assertThat(BASELINE.getModelElementsByType(BaseElement.class))
          .filteredOn(element -> element.getAttributeValueNs(CAMUNDA_NS, attribute) != null)
          .as("elements with camunda:%s", attribute).isEmpty();
    }
    assertThat(BASELINE.getModelElementsByType(CamundaExecutionListener.class))
        .allSatisfy(l -> assertThat(l.getCamundaScript()).as("script listener on %s", owner(l)).isNull());
    assertThat(BASELINE.getModelElementsByType(StartEvent.class))
        .allSatisfy(start -> assertThat(start.getCamundaInitiator()).as("initiator of %s", start.getId()).isNull());
  }

  @Test
  void everyConditionIsFixed() {
    assertThat(BASELINE.getModelElementsByType(SequenceFlow.class))
        .filteredOn(flow -> flow.getConditionExpression() != null)
        .isNotEmpty()
        .allSatisfy(flow -> assertThat(flow.getConditionExpression().getTextContent().trim())
            .as("condition of %s", flow.getId()).isIn(FIXED_CONDITIONS));
  }

  private static void assertSameShape(Function<BpmnModelInstance, Map<String, ?>> shape) {
    Map<String, Object> baseline = new TreeMap<>(shape.apply(BASELINE));
    assertThat(baseline).as(REGENERATE).containsExactlyInAnyOrderEntriesOf(new TreeMap<>(shape.apply(OURS)));
  }

  private static <E extends BaseElement> Map<String, Object> byId(BpmnModelInstance model, Class<E> type,
      Function<E, Object> fact) {
    return model.getModelElementsByType(type).stream()
        .collect(Collectors.toMap(BaseElement::getId, fact, (a, b) -> a, TreeMap::new));
  }

  /** The element a listener belongs to; the process itself under one name, as the two processes' ids differ. */
  private static String owner(ModelElementInstance listener) {
    ModelElementInstance element = listener.getParentElement().getParentElement();
    return element instanceof Process ? PROCESS : ((BaseElement) element).getId();
  }

  private static BpmnModelInstance read(String resource) {
    try (InputStream in = BaselineShapeTest.class.getClassLoader().getResourceAsStream(resource)) {
      assertThat(in).as("classpath resource %s", resource).isNotNull();
      return Bpmn.readModelFromStream(in);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("Cannot read " + resource, e);
    }
  }
}
