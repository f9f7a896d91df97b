package io.partnerflow.benchmark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;

/**
 * Client threads working like operators in Tasklist: each keeps up to {@code window} of its own
 * instances in flight, lists their open tasks, loads each task's form variables and submits the
 * form; while the job executor works the async steps, the thread works other instances' tasks.
 * Every call runs authenticated as the operator, so authorization checks cost what they cost in
 * Tasklist.
 */
final class PipelinedDriver {

  private static final AtomicInteger SEQUENCE = new AtomicInteger();
  private static final long IDLE_PAUSE_MS = 2;

  private final ProcessEngine engine;
  private final String user;
  private final List<String> groups;
  private final long timeoutMs;

  PipelinedDriver(ProcessEngine engine, String user, List<String> groups, long timeoutMs) {
    this.engine = engine;
    this.user = user;
    this.groups = groups;
    this.timeoutMs = timeoutMs;
  }

  record Run(List<String> processInstanceIds, long startedAtMs, long endedAtMs) {
    double perSecond() {
      return processInstanceIds.size() * 1000.0 / Math.max(1, endedAtMs - startedAtMs);
    }
  }

  Run run(Workload workload, int instances, int threads, int window) throws Exception {
    String definitionId = engine.getRepositoryService().createProcessDefinitionQuery()
        .processDefinitionKey(workload.processKey()).latestVersion().singleResult().getId();
    List<String> all = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long started = System.currentTimeMillis();
    try {
      List<Future<?>> clients = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int quota = instances / threads + (t < instances % threads ? 1 : 0);
        clients.add(pool.submit(() -> {
          all.addAll(work(workload, definitionId, quota, window, started + timeoutMs));
          return null;
        }));
      }
      for (Future<?> client : clients) {
        client.get();
      }
    } finally {
      pool.shutdownNow();
      pool.awaitTermination(10, TimeUnit.SECONDS);
    }
    return new Run(List.copyOf(all), started, System.currentTimeMillis());
  }

  private List<String> work(Workload workload, String definitionId, int quota, int window, long deadline)
      throws InterruptedException {
    IdentityService identity = engine.getIdentityService();
    FormService forms = engine.getFormService();
    TaskService tasks = engine.getTaskService();
    RuntimeService runtime = engine.getRuntimeService();
    identity.setAuthentication(user, groups);
    try {
      List<String> mine = new ArrayList<>(quota);
      Set<String> inFlight = new HashSet<>();
      int startedCount = 0;
      while (startedCount < quota || !inFlight.isEmpty()) {
        if (System.currentTimeMillis() > deadline) {
          throw new IllegalStateException(inFlight.size() + " instances of " + workload.processKey()
              + " still running at the deadline: " + inFlight);
        }
        while (startedCount < quota && inFlight.size() < window) {
          ProcessInstance started = forms.submitStartForm(definitionId, workload.startForm(SEQUENCE.incrementAndGet()));
          mine.add(started.getId());
          inFlight.add(started.getId());
          startedCount++;
        }
        List<Task> open = tasks.createTaskQuery().processInstanceIdIn(inFlight.toArray(String[]::new))
            .orderByTaskCreateTime().asc().list();
        for (Task task : open) {
          // As Tasklist loads a form: values as stored, JSON not parsed (deserializeValues=false)
          VariableMap loaded = forms.getTaskFormVariables(task.getId(), null, false);
          forms.submitTaskForm(task.getId(), workload.taskForm(task, loaded));
        }
        Set<String> running = new HashSet<>();
        runtime.createProcessInstanceQuery().processInstanceIds(inFlight).list()
            .forEach(instance -> running.add(instance.getId()));
        boolean ended = inFlight.retainAll(running);
        if (open.isEmpty() && !ended) {
          Thread.sleep(IDLE_PAUSE_MS);
        }
      }
      return mine;
    } finally {
      identity.clearAuthentication();
    }
  }
}
