package io.partnerflow.trust;

import static io.partnerflow.onboarding.OnboardingProcess.TEMPORARY_ADMIN_PASSWORD;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.partnerflow.onboarding.AdminPasswordHandOver;
import io.partnerflow.onboarding.OnboardingProcess.Forms;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Shows the temporary admin password where it is handed over, and nowhere else: in the form
 * variables of "Hand over admin credentials" (what Tasklist loads to render the form), for the
 * user the task is assigned to. The password is no engine variable, so every other read path
 * (variables, history, Cockpit) has nothing to give.
 */
public class HandOverPasswordFilter extends OncePerRequestFilter {

  private static final Pattern FORM_VARIABLES = Pattern.compile(
      "^(?:/engine-rest(?:/engine/[^/]+)?|/camunda/api/engine/engine/[^/]+)/task/([^/]+)/form-variables$");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final EngineLookups engine;
  private final ObjectProvider<AdminPasswordHandOver> handOver;

  public HandOverPasswordFilter(EngineLookups engine, ObjectProvider<AdminPasswordHandOver> handOver) {
    this.engine = engine;
    this.handOver = handOver;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Matcher formVariables = FORM_VARIABLES.matcher(request.getRequestURI().substring(request.getContextPath().length()));
    Optional<String> taskId = formVariables.matches() && "GET".equals(request.getMethod())
        ? Optional.of(formVariables.group(1)) : Optional.empty();
    Optional<EngineLookups.Caller> caller = taskId.isPresent() ? engine.caller(request) : Optional.empty();
    Optional<EngineLookups.TaskFacts> task = caller.isPresent() ? engine.task(taskId.get()) : Optional.empty();
    if (task.isEmpty() || !Forms.ADMIN_CREDENTIALS.equals(task.get().formId())
        || !caller.get().userId().equals(task.get().assignee())) {
      chain.doFilter(request, response);
      return;
    }
    ContentCachingResponseWrapper buffered = new ContentCachingResponseWrapper(response);
    chain.doFilter(request, buffered);
    byte[] body = buffered.getContentAsByteArray();
    if (buffered.getStatus() == HttpServletResponse.SC_OK && body.length > 0) {
      JsonNode variables = JSON.readTree(body);
      if (variables instanceof ObjectNode object) {
        object.putObject(TEMPORARY_ADMIN_PASSWORD.name())
            .put("type", "String")
            .put("value", handOver.getObject().passwordFor(taskId.get(), task.get().processInstanceId()))
            .putObject("valueInfo");
        buffered.resetBuffer();
        buffered.getOutputStream().write(JSON.writeValueAsString(object).getBytes(StandardCharsets.UTF_8));
      }
    }
    buffered.copyBodyToResponse();
  }
}
