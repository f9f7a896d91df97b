package io.partnerflow.api;

import io.partnerflow.customer.CustomerDirectory;
import io.partnerflow.customer.CustomerQuery;
import io.partnerflow.customer.CustomerRecord;
import io.partnerflow.customer.CustomerRegistry;
import io.partnerflow.customer.CustomerRow;
import io.partnerflow.customer.Relationship;
import io.partnerflow.customer.RelationshipService;
import io.partnerflow.reseller.Reseller;
import io.partnerflow.reseller.ResellerDirectory;
import io.partnerflow.validation.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Optional;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The customer registry, read-only. */
@RestController
@RequestMapping(path = "/api/customers", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Customers", description = "Search the customer registry")
public class CustomerApiController {

  private final CustomerDirectory directory;
  private final CustomerRegistry registry;
  private final ResellerDirectory resellers;
  private final RelationshipService relationships;

  public CustomerApiController(CustomerDirectory directory, CustomerRegistry registry, ResellerDirectory resellers,
      RelationshipService relationships) {
    this.directory = directory;
    this.registry = registry;
    this.resellers = resellers;
    this.relationships = relationships;
  }

  @GetMapping
  @Operation(operationId = "searchCustomers", summary = "Search customers",
      description = "q matches the start of the company name or of the domain prefix (case-insensitive); "
          + "filters are optional; one page of the result, sorted.")
  @ApiResponse(responseCode = "200", description = "One page of customers")
  public PageResult<CustomerRow> search(
      @Parameter(description = "Start of the company name or domain prefix") @RequestParam(required = false) String q,
      @RequestParam(required = false) String resellerId,
      @RequestParam(required = false) Relationship relationship,
      @Parameter(description = "From 0") @RequestParam(defaultValue = "0") int page,
      @Parameter(description = "1 to " + CustomerQuery.MAX_PAGE_SIZE) @RequestParam(defaultValue = "25") int size,
      @Parameter(schema = @Schema(allowableValues = {"company", "domain", "relationship", "created"}))
      @RequestParam(defaultValue = "company") String sort,
      @RequestParam(defaultValue = "false") boolean desc) {
    return directory.search(new CustomerQuery(q, resellerId, relationship, page, size, sort, desc));
  }

  @GetMapping("/{id}")
  @Operation(operationId = "getCustomer", summary = "One customer",
      description = "The customer with its address and primary contact.")
  @ApiResponse(responseCode = "200", description = "The customer")
  public CustomerDetails customer(@PathVariable String id) {
    CustomerRecord c = registry.find(id).orElseThrow(() -> new ApiNotFoundException("No customer " + id));
    Optional<Reseller> reseller = resellers.find(c.resellerId());
    CustomerDetails.Contact contact = registry.primaryContact(id)
        .map(p -> new CustomerDetails.Contact(p.firstName(), p.lastName(), p.email(), p.phone())).orElse(null);
    return new CustomerDetails(c.id(), c.companyName(), c.primaryDomain(), c.relationship(),
        relationships.hasDelegatedAdmin(c.id()), c.resellerId(), reseller.map(Reseller::name).orElse(null),
        reseller.map(Reseller::partnerId).orElse(null), c.createdAt(),
        new CustomerDetails.Address(c.addressLine1(), c.addressLine2(), c.city(), c.state(), c.postalCode(),
            c.country()),
        c.culture(), c.language(), c.registrationNumber(), contact);
  }
}
