package io.partnerflow.api;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description of the integration API (springdoc: {@code /v3/api-docs}, Swagger UI at
 * {@code /swagger-ui.html}; only {@code /api/**}, see {@code springdoc.*} in application.yml): HTTP
 * Basic with a Camunda user, and the problem responses every operation may answer with.
 */
@Configuration(proxyBeanMethods = false)
public class ApiDocumentation {

  public static final String TITLE = "partnerflow integration API";
  public static final String BASIC_AUTH = "basicAuth";
  static final String PROBLEM_SCHEMA = "Problem";
  static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

  /** Documentation only: the shape of our RFC 9457 problem details. */
  @Schema(name = PROBLEM_SCHEMA, description = "RFC 9457 problem details")
  record Problem(
      @Schema(example = ApiProblemHandler.VALIDATION_TYPE) String type,
      @Schema(example = "Invalid request") String title,
      @Schema(example = "400") int status,
      String detail,
      @Schema(description = "The request path") String instance,
      @Schema(description = "Validation problems only: every broken rule") List<ProblemError> errors) {}

  /** Documentation only: one broken rule. */
  @Schema(name = "ProblemError", description = "One broken rule")
  record ProblemError(
      @Schema(description = "The field, parameter or header", example = "postalCode") String field,
      @Schema(description = "A short rule code", example = "postal-code-format") String rule,
      @Schema(example = "Postal code '1234' does not match the format for DE (5 digits, e.g. 10115)") String message) {}

  @Bean
  public OpenAPI partnerflowOpenApi() {
    return new OpenAPI()
        .info(new Info()
            .title(TITLE)
            .version("1")
            .description("""
                The partner portal's entry into partnerflow: start onboardings and invitations, follow them, \
                search customers and hand in referrals. Every call is made as a Camunda user (HTTP Basic, or the \
                session of a Camunda webapp login) with that user's authorizations. Errors are RFC 9457 problem \
                details (`application/problem+json`); bad input lists every broken rule in `errors`. Starting \
                calls take an `Idempotency-Key` header: the same key again never starts a second instance."""))
        .components(new Components().addSecuritySchemes(BASIC_AUTH, new SecurityScheme()
            .type(SecurityScheme.Type.HTTP).scheme("basic")
            .description("A Camunda user, e.g. a member of group operators")))
        .addSecurityItem(new SecurityRequirement().addList(BASIC_AUTH));
  }

  /** Adds the problem schema and the problem responses to every operation. */
  @Bean
  public OpenApiCustomizer partnerflowProblemResponses() {
    return openApi -> {
      Components components = openApi.getComponents() != null ? openApi.getComponents() : new Components();
      openApi.setComponents(components);
      ModelConverters.getInstance().readAll(new AnnotatedType(Problem.class)).forEach(components::addSchemas);
      if (openApi.getPaths() == null) {
        return;
      }
      openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
          addProblems(path, operation)));
    };
  }

  private static void addProblems(String path, Operation operation) {
    ApiResponses responses = operation.getResponses() != null ? operation.getResponses() : new ApiResponses();
    operation.setResponses(responses);
    List<Parameter> parameters = operation.getParameters() != null ? operation.getParameters() : List.of();
    boolean input = operation.getRequestBody() != null
        || parameters.stream().anyMatch(p -> !"path".equals(p.getIn()));
    if (input) {
      add(responses, "400", "Unreadable request (JSON syntax, a value of the wrong type, a missing header): "
          + "each in `errors` (type " + ApiProblemHandler.VALIDATION_TYPE + ")");
      add(responses, "422", "Invalid request: every broken rule in `errors` (type " + ApiProblemHandler.VALIDATION_TYPE
          + ")");
    }
    add(responses, "401", "Authentication required (HTTP Basic)");
    add(responses, "403", "The user lacks the authorization (e.g. a manager starting a process)");
    if (path.contains("{")) {
      add(responses, "404", "No such resource (or not visible to the user)");
    }
    if (parameters.stream().anyMatch(p -> "header".equals(p.getIn()) && IdempotentStarts.HEADER.equals(p.getName()))) {
      add(responses, "409", "The Idempotency-Key was already used for another operation, by another user or with "
          + "another request body");
    }
    add(responses, "429", "Too many failed sign-ins for this user from this address lately: wait (Retry-After)");
    add(responses, "500", "Unexpected error (logged; the detail quotes a reference)");
  }

  private static void add(ApiResponses responses, String code, String description) {
    responses.putIfAbsent(code, new ApiResponse().description(description).content(new Content()
        .addMediaType(PROBLEM_JSON, new MediaType().schema(new io.swagger.v3.oas.models.media.Schema<>()
            .$ref("#/components/schemas/" + PROBLEM_SCHEMA)))));
  }
}
