package io.partnerflow.api;

import io.partnerflow.provisioning.PartnerCenterClient;
import io.partnerflow.provisioning.PartnerCenterFaults;
import io.partnerflow.provisioning.SimulatedFaults;
import io.partnerflow.provisioning.SimulatedPartnerCenter;
import io.partnerflow.validation.ValidationException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The switch that makes the simulated Partner Center fail on purpose, for demos and the fault suite.
 * Administrators only ({@code security.SecurityConfiguration#ADMIN_API_PATHS}); 404 when the
 * Partner Center in use is a real one, which nobody may break from here.
 */
@RestController
@RequestMapping(path = PartnerCenterSimulationApiController.PATH, produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Simulation", description = "Administrators only: make the simulated Partner Center fail")
public class PartnerCenterSimulationApiController {

  static final String PATH = "/api/simulation/partner-center/faults";

  private static final Logger LOG = LoggerFactory.getLogger(PartnerCenterSimulationApiController.class);

  private final PartnerCenterClient partnerCenter;

  public PartnerCenterSimulationApiController(PartnerCenterClient partnerCenter) {
    this.partnerCenter = partnerCenter;
  }

  @GetMapping
  @Operation(operationId = "getPartnerCenterFaults", summary = "The faults the simulated Partner Center breaks with",
      description = "failNext is what is left of it; failingUntil is when failFor ends (null when off).")
  @ApiResponse(responseCode = "200", description = "The faults set now")
  @ApiResponse(responseCode = "404", description = "The Partner Center in use is not the simulated one")
  public SimulatedFaults.State faults() {
    return simulated().faults().state();
  }

  @PutMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(operationId = "setPartnerCenterFaults", summary = "Replace the simulated Partner Center's faults",
      description = "failNext: the next N calls answer 503 before doing anything. failFor (ISO-8601, e.g. PT2M): "
          + "every call answers 503 for that long from now. timeoutAfterWork (up to PT15S): every call does its work, "
          + "then times out. A field left out is off; {} switches every fault off.")
  @ApiResponse(responseCode = "200", description = "The faults set now")
  @ApiResponse(responseCode = "404", description = "The Partner Center in use is not the simulated one")
  public SimulatedFaults.State setFaults(@RequestBody PartnerCenterFaults faults, HttpServletRequest request) {
    SimulatedPartnerCenter simulated = simulated();
    if (!faults.violations().isEmpty()) {
      throw new ValidationException(faults.violations());
    }
    simulated.faults().set(faults);
    SimulatedFaults.State now = simulated.faults().state();
    LOG.warn("Simulated Partner Center faults set by {}: {}", ApiUser.of(request), now);
    return now;
  }

  private SimulatedPartnerCenter simulated() {
    if (partnerCenter instanceof SimulatedPartnerCenter simulated) {
      return simulated;
    }
    throw new ApiNotFoundException("There is no simulated Partner Center to break: a real one is configured");
  }
}
