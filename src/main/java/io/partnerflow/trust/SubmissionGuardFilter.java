package io.partnerflow.trust;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.partnerflow.web.ReplayableBody;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The trust boundary of the engine's REST API, both as {@code /engine-rest} and as the webapps'
 * {@code /camunda/api/engine} (what Tasklist calls): every task completion and process start is
 * checked against its form's contract ({@link SubmissionGuard}) before the engine sees it, a task
 * is completed only by its assignee, and the writes no form makes (variables set directly,
 * messages, signals, conditions, starts at an inner activity) are for administrators only.
 * Refusals answer in the engine REST API's own error format, so Tasklist shows the message.
 */
public class SubmissionGuardFilter extends OncePerRequestFilter {

  static final int MAX_BODY_BYTES = 1024 * 1024;

  private static final Pattern ENGINE_PATH =
      Pattern.compile("^(?:/engine-rest(?:/engine/[^/]+)?|/camunda/api/engine/engine/[^/]+)(/.*)$");
  private static final Pattern TASK_SUBMISSION = Pattern.compile("^/task/([^/]+)/(submit-form|complete|resolve)$");
  /** What only the task's assignee does to it: give it back, comment on it, attach to it. */
  private static final Pattern ASSIGNEE_ONLY = Pattern.compile("^/task/([^/]+)/(unclaim|comment|attachment)(/.*)?$");
  private static final Pattern TASK_CLAIM = Pattern.compile("^/task/([^/]+)/claim$");
  private static final Pattern START = Pattern.compile(
      "^/process-definition/(?:key/([^/]+)(?:/tenant-id/[^/]+)?|([^/]+))/(start|submit-form)$");
  /** Writes no form makes: messages, signals, conditions, and BPMN errors or escalations thrown from a user task. */
  private static final Pattern SERVER_ONLY =
      Pattern.compile("^/(message|signal|condition)(/.*)?$|^/task/[^/]+/(bpmnError|bpmnEscalation)$");
  /**
   * Repairs of jobs and incidents are the administrators': the engine runs a job for
   * {@code /job/{id}/execute} before it checks authorization, so even a refused call costs a retry.
   */
  private static final Pattern ADMIN_REPAIRS = Pattern.compile(
      "^/job/[^/]+/(execute|retries|duedate|duedate/recalculate|suspended|priority)$|^/job/(retries|suspended)$"
          + "|^/job-definition/(.+/)?(retries|suspended|jobPriority)$|^/incident/[^/]+(/annotation)?$");
  private static final Pattern VARIABLE_WRITE = Pattern.compile(".*/(variables|localVariables|variables-async)(/.*)?$");

  private static final ObjectMapper JSON = new ObjectMapper();

  private final EngineLookups engine;
  private final SubmissionGuard guard;

  public SubmissionGuardFilter(EngineLookups engine, SubmissionGuard guard) {
    this.engine = engine;
    this.guard = guard;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Matcher engineCall = ENGINE_PATH.matcher(request.getRequestURI().substring(request.getContextPath().length()));
    if (!engineCall.matches() || "GET".equals(request.getMethod()) || "OPTIONS".equals(request.getMethod())
        || "HEAD".equals(request.getMethod())) {
      chain.doFilter(request, response);
      return;
    }
    String path = engineCall.group(1);
    Optional<EngineLookups.Caller> caller = engine.caller(request);
    if (caller.isEmpty()) {
      chain.doFilter(request, response); // the engine's authentication answers 401
      return;
    }
    boolean admin = caller.get().admin();

    if (!admin && ADMIN_REPAIRS.matcher(path).matches()) {
      refuse(response, HttpServletResponse.SC_FORBIDDEN, "AuthorizationException",
          "Jobs and incidents are repaired by administrators (Cockpit as admin).");
      return;
    }
    if (!admin && (SERVER_ONLY.matcher(path).matches() || VARIABLE_WRITE.matcher(path).matches())) {
      refuse(response, HttpServletResponse.SC_FORBIDDEN, "AuthorizationException",
          "Variables, messages, signals, conditions and BPMN errors are the processes' own: only a form's "
              + "submission writes variables, and only those its form owns.");
      return;
    }

    Matcher assigneeOnly = ASSIGNEE_ONLY.matcher(path);
    if (assigneeOnly.matches() && !admin) {
      Optional<EngineLookups.TaskFacts> task = engine.task(assigneeOnly.group(1));
      if (task.isPresent() && !caller.get().userId().equals(task.get().assignee())) {
        refuse(response, HttpServletResponse.SC_FORBIDDEN, "AuthorizationException", "Only the user task "
            + assigneeOnly.group(1) + " is assigned to may " + assigneeOnly.group(2) + " it; claim it first.");
        return;
      }
      chain.doFilter(request, response);
      return;
    }

    Matcher claim = TASK_CLAIM.matcher(path);
    if (claim.matches()) {
      Optional<EngineLookups.TaskFacts> task = engine.task(claim.group(1));
      if (task.isPresent() && task.get().assignee() != null && !task.get().assignee().equals(caller.get().userId())) {
        refuse(response, HttpServletResponse.SC_CONFLICT, "TaskAlreadyClaimedException",
            "Task " + claim.group(1) + " is already claimed by " + task.get().assignee() + ".");
        return;
      }
      chain.doFilter(request, response);
      return;
    }

    Matcher task = TASK_SUBMISSION.matcher(path);
    Matcher start = START.matcher(path);
    if (!task.matches() && !start.matches()) {
      chain.doFilter(request, response);
      return;
    }
    ReplayableBody cached;
    try {
      cached = ReplayableBody.read(request, MAX_BODY_BYTES);
    } catch (ReplayableBody.TooLargeException e) {
      refuse(response, 413, "InvalidRequestException", "The request body is larger than " + MAX_BODY_BYTES + " bytes.");
      return;
    }
    JsonNode body;
    try {
      body = cached.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(cached.body());
    } catch (JsonProcessingException e) {
      refuse(response, 400, "InvalidRequestException", "The request body is not valid JSON.");
      return;
    }
    if (body == null || !body.isObject()) {
      refuse(response, 400, "InvalidRequestException", "The request body must be a JSON object.");
      return;
    }

    List<String> problems;
    if (task.matches()) {
      Optional<EngineLookups.TaskFacts> facts = engine.task(task.group(1));
      if (facts.isEmpty()) {
        chain.doFilter(cached, response); // the engine answers 404
        return;
      }
      if (!caller.get().userId().equals(facts.get().assignee())) {
        refuse(response, HttpServletResponse.SC_FORBIDDEN, "AuthorizationException", facts.get().assignee() == null
            ? "Claim task " + task.group(1) + " before you complete it."
            : "Task " + task.group(1) + " is assigned to someone else: only they can complete it.");
        return;
      }
      problems = guard.check(facts.get().formId(), body.get("variables"), facts.get().variables());
    } else {
      if (!admin && (body.hasNonNull("startInstructions") || body.path("skipCustomListeners").asBoolean(false)
          || body.path("skipIoMappings").asBoolean(false))) {
        refuse(response, 400, "InvalidRequestException",
            "startInstructions, skipCustomListeners, skipIoMappings: a process starts at its start event, with its listeners.");
        return;
      }
      Optional<String> formId = start.group(1) != null
          ? engine.startFormOfKey(start.group(1)) : engine.startFormOfDefinition(start.group(2));
      if (formId.isEmpty() && !admin) {
        // referrals and reply triage come in by the API, by mail or from another process, never by hand
        refuse(response, HttpServletResponse.SC_FORBIDDEN, "AuthorizationException",
            "This process has no start form: it is started by the product (its API, its mailbox or another process).");
        return;
      }
      if (!admin && "start".equals(start.group(3))) {
        // the start form's submission is the one door: Camunda maps its refusals to 400, /start's to 500
        refuse(response, 400, "InvalidRequestException",
            "Start this process through its start form: POST …/submit-form with the form's fields.");
        return;
      }
      problems = guard.check(formId.orElse(null), body.get("variables"), name -> Optional.empty());
    }
    if (!problems.isEmpty()) {
      refuse(response, 400, "InvalidRequestException", "Refused, nothing was changed: " + String.join("; ", problems));
      return;
    }
    chain.doFilter(cached, response);
  }

  /** The engine REST API's error body: Tasklist shows its message. */
  private static void refuse(HttpServletResponse response, int status, String type, String message) throws IOException {
    ObjectNode error = JSON.createObjectNode().put("type", type).put("message", message);
    error.putNull("code");
    response.setStatus(status);
    response.setContentType("application/json;charset=UTF-8");
    response.getWriter().write(JSON.writeValueAsString(error));
  }
}
