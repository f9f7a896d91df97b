package io.partnerflow.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.partnerflow.validation.ValidationException;
import io.partnerflow.validation.Violation;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.authorization.MissingAuthorization;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Errors of the integration API as RFC 9457 problem details ({@code application/problem+json}).
 * Bad input is one problem of type {@value #VALIDATION_TYPE} with an {@code errors} array of
 * {@code {field, rule, message}}: 400 when the request cannot be read (unreadable JSON, a value of
 * the wrong type for its field), 422 when it is readable but breaks our rules (bean validation,
 * ours, e.g. a missing Idempotency-Key). Errors without a controller (unknown path, wrong method or media type, too large) are
 * problems too ({@code config.ErrorPages}, {@link ApiRequestSizeFilter}). Never a stack trace: unexpected errors are logged with a
 * reference that the 500 problem quotes.
 */
@RestControllerAdvice(basePackageClasses = ApiProblemHandler.class)
public class ApiProblemHandler extends ResponseEntityExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(ApiProblemHandler.class);

  public static final String PROBLEM_BASE = "https://partnerflow.io/problems/";
  public static final String VALIDATION_TYPE = PROBLEM_BASE + "validation";
  public static final URI VALIDATION = URI.create(VALIDATION_TYPE);
  public static final URI NOT_FOUND = URI.create(PROBLEM_BASE + "not-found");
  public static final URI IDEMPOTENCY_CONFLICT = URI.create(PROBLEM_BASE + "idempotency-conflict");
  public static final URI FORBIDDEN = URI.create(PROBLEM_BASE + "forbidden");
  public static final URI INTERNAL = URI.create(PROBLEM_BASE + "internal-error");
  public static final String ERRORS_PROPERTY = "errors";

  // --- ours

  @ExceptionHandler(ValidationException.class)
  ResponseEntity<Object> handleValidation(ValidationException e, HttpServletRequest request) {
    return validationProblem(e.violations(), request);
  }

  @ExceptionHandler(ApiNotFoundException.class)
  ResponseEntity<Object> handleNotFound(ApiNotFoundException e, HttpServletRequest request) {
    return problem(HttpStatus.NOT_FOUND, NOT_FOUND, "Not found", e.getMessage(), request);
  }

  @ExceptionHandler(IdempotencyConflictException.class)
  ResponseEntity<Object> handleIdempotencyConflict(IdempotencyConflictException e, HttpServletRequest request) {
    return problem(HttpStatus.CONFLICT, IDEMPOTENCY_CONFLICT, "Idempotency key already used", e.getMessage(),
        request);
  }

  @ExceptionHandler(AuthorizationException.class)
  ResponseEntity<Object> handleAuthorization(AuthorizationException e, HttpServletRequest request) {
    String missing = e.getMissingAuthorizations() == null ? "" : e.getMissingAuthorizations().stream()
        .map(ApiProblemHandler::describe).distinct().collect(Collectors.joining("; "));
    String detail = "User '" + e.getUserId() + "' is not allowed to do this"
        + (missing.isEmpty() ? "" : " (missing: " + missing + ")");
    return problem(HttpStatus.FORBIDDEN, FORBIDDEN, "Forbidden", detail, request);
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<Object> handleUnexpected(Exception e, HttpServletRequest request) {
    String reference = UUID.randomUUID().toString();
    LOG.error("API request {} {} failed (reference {})", request.getMethod(), request.getRequestURI(), reference, e);
    return problem(HttpStatus.INTERNAL_SERVER_ERROR, INTERNAL, "Internal error",
        "The request could not be completed; quote reference " + reference + " when reporting it", request);
  }

  // --- Spring MVC's own: bean validation, binding, unreadable JSON

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    List<Violation> violations = new ArrayList<>();
    e.getBindingResult().getFieldErrors().forEach(error -> violations.add(
        new Violation(error.getField(), rule(error.getCode()), message(error))));
    e.getBindingResult().getGlobalErrors().forEach(error -> violations.add(
        new Violation(error.getObjectName(), rule(error.getCode()), message(error))));
    return validationProblem(violations, request);
  }

  @Override
  protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    List<Violation> violations = new ArrayList<>();
    e.getParameterValidationResults().forEach(result -> {
      String name = parameterName(result.getMethodParameter().getParameterName(),
          result.getMethodParameter().getParameterAnnotations());
      result.getResolvableErrors().forEach(error -> violations.add(new Violation(
          error instanceof FieldError field ? field.getField() : name,
          rule(error.getCodes() == null || error.getCodes().length == 0 ? null : lastCode(error.getCodes())),
          message(error))));
    });
    return validationProblem(violations, request);
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    Throwable cause = e.getCause();
    Violation violation;
    if (cause instanceof UnrecognizedPropertyException unknown) {
      String field = path(unknown);
      violation = new Violation(field, "unknown", "'" + field + "' is not a field of this request");
    } else if (cause instanceof InvalidFormatException invalid) {
      String field = path(invalid);
      String expected = invalid.getTargetType() == null ? "another type" : typeName(invalid.getTargetType());
      violation = new Violation(field, "type", "'" + field + "' must be " + expected);
    } else if (cause instanceof MismatchedInputException mismatched && !mismatched.getPath().isEmpty()) {
      String field = path(mismatched);
      String expected = mismatched.getTargetType() == null ? "another type" : typeName(mismatched.getTargetType());
      violation = new Violation(field, "type", "'" + field + "' must be " + expected);
    } else if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      String field = path(mapping);
      violation = new Violation(field, "type", "'" + field + "' has an unreadable value");
    } else if (cause instanceof JsonProcessingException parse) {
      String where = parse.getLocation() == null ? ""
          : " at line " + parse.getLocation().getLineNr() + ", column " + parse.getLocation().getColumnNr();
      violation = new Violation("body", "json-syntax", "The request body is not valid JSON" + where);
    } else {
      violation = new Violation("body", "required", "A JSON request body is required");
    }
    return malformedProblem(List.of(violation), request);
  }

  @Override
  protected ResponseEntity<Object> handleServletRequestBindingException(ServletRequestBindingException e,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    if (e instanceof MissingRequestHeaderException missing) {
      return malformedProblem(List.of(new Violation(missing.getHeaderName(), "required",
          "Header " + missing.getHeaderName() + " is required")), request);
    }
    return malformedProblem(List.of(new Violation("request", "binding", e.getMessage())), request);
  }

  @Override
  protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException e,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    return malformedProblem(List.of(new Violation(e.getParameterName(), "required",
        "Parameter " + e.getParameterName() + " is required")), request);
  }

  @Override
  protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
      HttpStatusCode status, WebRequest request) {
    String field = e instanceof MethodArgumentTypeMismatchException mismatch ? mismatch.getName()
        : e.getPropertyName();
    String expected = e.getRequiredType() == null ? "of another type" : typeName(e.getRequiredType());
    return malformedProblem(List.of(new Violation(field, "type",
        "'" + e.getValue() + "' is not valid for " + field + ": must be " + expected)), request);
  }

  /** Every problem Spring builds itself gets our instance (the request path) too. */
  @Override
  protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
      HttpStatusCode status, WebRequest request) {
    if (body instanceof ProblemDetail problem && problem.getInstance() == null) {
      problem.setInstance(instance(request));
    }
    return super.handleExceptionInternal(e, body, headers, status, request);
  }

  // --- building

  /** A readable request that breaks our rules (bean validation, {@link ValidationException}): 422. */
  static ResponseEntity<Object> validationProblem(List<Violation> violations, Object request) {
    return validationProblem(HttpStatus.UNPROCESSABLE_ENTITY, violations, request);
  }

  /** A request we cannot read: unreadable JSON, a value of the wrong type, a missing header or parameter: 400. */
  static ResponseEntity<Object> malformedProblem(List<Violation> violations, Object request) {
    return validationProblem(HttpStatus.BAD_REQUEST, violations, request);
  }

  private static ResponseEntity<Object> validationProblem(HttpStatus status, List<Violation> violations,
      Object request) {
    String detail = violations.size() == 1 ? violations.get(0).message()
        : violations.size() + " rules are broken: " + violations.stream().map(Violation::field).distinct()
            .collect(Collectors.joining(", "));
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(VALIDATION);
    problem.setTitle("Invalid request");
    problem.setInstance(instance(request));
    problem.setProperty(ERRORS_PROPERTY, List.copyOf(violations));
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
  }

  static ResponseEntity<Object> problem(HttpStatus status, URI type, String title, String detail, Object request) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(type);
    problem.setTitle(title);
    problem.setInstance(instance(request));
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
  }

  private static URI instance(Object request) {
    HttpServletRequest servletRequest = request instanceof HttpServletRequest r ? r
        : request instanceof NativeWebRequest web ? web.getNativeRequest(HttpServletRequest.class) : null;
    if (servletRequest == null) {
      return null;
    }
    try {
      return URI.create(servletRequest.getRequestURI());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String describe(MissingAuthorization missing) {
    return missing.getViolatedPermissionName() + " on " + missing.getResourceType()
        + (missing.getResourceId() == null ? "" : " '" + missing.getResourceId() + "'");
  }

  private static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference reference : e.getPath()) {
      if (reference.getFieldName() != null) {
        path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.isEmpty() ? "body" : path.toString();
  }

  private static String typeName(Class<?> type) {
    if (type.isEnum()) {
      return "one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString).toList();
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
      return "a number";
    }
    if (type == String.class) {
      return "a string";
    }
    return "a " + type.getSimpleName();
  }

  private static String parameterName(String fallback, java.lang.annotation.Annotation[] annotations) {
    for (java.lang.annotation.Annotation annotation : annotations) {
      if (annotation instanceof org.springframework.web.bind.annotation.RequestHeader header) {
        String name = !header.name().isEmpty() ? header.name() : header.value();
        if (!name.isEmpty()) {
          return name;
        }
      }
      if (annotation instanceof org.springframework.web.bind.annotation.RequestParam param) {
        String name = !param.name().isEmpty() ? param.name() : param.value();
        if (!name.isEmpty()) {
          return name;
        }
      }
    }
    return fallback;
  }

  private static String lastCode(String[] codes) {
    return codes[codes.length - 1];
  }

  /** "NotBlank" → "not-blank". */
  private static String rule(String code) {
    if (code == null || code.isBlank()) {
      return "invalid";
    }
    return code.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }

  private static String message(MessageSourceResolvable error) {
    return error.getDefaultMessage() == null ? "is invalid" : error.getDefaultMessage();
  }
}
