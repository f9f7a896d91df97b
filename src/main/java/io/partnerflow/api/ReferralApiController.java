package io.partnerflow.api;

import io.partnerflow.referral.NewReferral;
import io.partnerflow.referral.Referral;
import io.partnerflow.referral.ReferralIntake;
import io.partnerflow.referral.ReferralRegistry;
import io.partnerflow.referral.ReferralStatus;
import io.partnerflow.validation.PageResult;
import io.partnerflow.validation.ValidationException;
import io.partnerflow.validation.Violation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Referrals handed in by the partner portal: stored and decided in process {@code referral}. The
 * {@code Idempotency-Key} is the referral's external reference: the same key again is the same
 * referral.
 */
@RestController
@RequestMapping(path = "/api/referrals", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Referrals", description = "Hand in prospective customers and follow them")
public class ReferralApiController {

  static final String PATH = "/api/referrals/";

  private final ReferralIntake intake;
  private final ReferralRegistry registry;

  public ReferralApiController(ReferralIntake intake, ReferralRegistry registry) {
    this.intake = intake;
    this.registry = registry;
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(operationId = "createReferral", summary = "Hand in a referral",
      description = "Validates the referral (every broken rule in one 400 problem), stores it (status NEW) and "
          + "starts process `referral`, where an operator accepts or declines it. The Idempotency-Key becomes the "
          + "referral's external reference: the same key again answers 200 with the referral stored the first time.")
  @ApiResponse(responseCode = "201", description = "Stored and started",
      headers = @Header(name = "Location", description = "/api/referrals/{id}"))
  @ApiResponse(responseCode = "200", description = "Already handed in with this Idempotency-Key",
      headers = @Header(name = "Location", description = "/api/referrals/{id}"))
  public ResponseEntity<Referral> create(
      @Parameter(in = ParameterIn.HEADER, name = IdempotentStarts.HEADER, required = true,
          description = "The client's id of this referral (1 to 100 characters); stored as its external reference",
          schema = @Schema(type = "string", minLength = 1, maxLength = IdempotentStarts.MAX_KEY_LENGTH))
      @RequestHeader(name = IdempotentStarts.HEADER, required = false) String idempotencyKey,
      @RequestBody ReferralApiRequest body) {
    List<Violation> keyViolations = IdempotentStarts.checkKey(idempotencyKey);
    if (!keyViolations.isEmpty()) {
      throw new ValidationException(keyViolations);
    }
    String reference = idempotencyKey.strip();
    Optional<Referral> earlier = registry.findByExternalReference(reference);
    if (earlier.isPresent()) {
      return ResponseEntity.ok().location(location(earlier.get())).body(replay(earlier.get(), body, reference));
    }
    Referral referral = intake.receive(body.toNewReferral(reference));
    // a concurrent request with the same key may have stored it first: then this one is a replay too
    return ResponseEntity.created(location(referral)).body(replay(referral, body, reference));
  }

  @GetMapping
  @Operation(operationId = "searchReferrals", summary = "Search referrals",
      description = "q matches the start of the company name or the contact email (case-insensitive); newest first.")
  @ApiResponse(responseCode = "200", description = "One page of referrals")
  public PageResult<Referral> search(
      @Parameter(description = "Start of the company name or contact email") @RequestParam(required = false) String q,
      @RequestParam(required = false) ReferralStatus status,
      @Parameter(description = "From 0") @RequestParam(defaultValue = "0") int page,
      @Parameter(description = "1 to " + ReferralRegistry.MAX_PAGE_SIZE) @RequestParam(defaultValue = "25") int size) {
    List<Violation> violations = new ArrayList<>();
    if (page < 0) {
      violations.add(new Violation("page", "min", "Page numbers start at 0"));
    }
    if (size < 1 || size > ReferralRegistry.MAX_PAGE_SIZE) {
      violations.add(new Violation("size", "range", "Page size must be 1 to " + ReferralRegistry.MAX_PAGE_SIZE));
    }
    if (!violations.isEmpty()) {
      throw new ValidationException(violations);
    }
    return registry.search(q, status, page, size);
  }

  @GetMapping("/{id}")
  @Operation(operationId = "getReferral", summary = "One referral")
  @ApiResponse(responseCode = "200", description = "The referral")
  public Referral referral(@PathVariable String id) {
    return registry.find(id).orElseThrow(() -> new ApiNotFoundException("No referral " + id));
  }

  private static URI location(Referral referral) {
    return URI.create(PATH + referral.id());
  }

  /** The stored referral, unless the key was used for another request (another source or prospect). */
  private static Referral replay(Referral stored, ReferralApiRequest body, String reference) {
    List<String> differing = new ArrayList<>();
    if (!NewReferral.SOURCE_API.equals(stored.source())) {
      differing.add("source");
    }
    if (!Objects.equals(clean(stored.companyName()), clean(body.companyName()))) {
      differing.add("companyName");
    }
    if (!Objects.equals(lower(stored.contactEmail()), lower(body.contactEmail()))) {
      differing.add("contactEmail");
    }
    if (!Objects.equals(clean(stored.contactFirstName()), clean(body.contactFirstName()))) {
      differing.add("contactFirstName");
    }
    if (!Objects.equals(clean(stored.contactLastName()), clean(body.contactLastName()))) {
      differing.add("contactLastName");
    }
    if (!differing.isEmpty()) {
      throw new IdempotencyConflictException(IdempotentStarts.HEADER + " '" + reference
          + "' was already used for another referral (differs in " + String.join(", ", differing) + ")");
    }
    return stored;
  }

  private static String clean(String value) {
    return OnboardingRequest.clean(value);
  }

  private static String lower(String value) {
    String cleaned = clean(value);
    return cleaned == null ? null : cleaned.toLowerCase(Locale.ROOT);
  }
}
