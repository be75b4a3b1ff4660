package com.cspflow.onboarding;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Registers customer organizations and keeps their address and contact details complete. */
@Service
public class OnboardingService {

  private final OrganizationRepository organizations;
  private final Validator validator;
  private final Clock clock;

  public OnboardingService(OrganizationRepository organizations, Validator validator, Clock clock) {
    this.organizations = organizations;
    this.validator = validator;
    this.clock = clock;
  }

  /**
   * Stores a new organization (the command is valid: partner and name given, no detail malformed); address and
   * contact may be incomplete: {@link DetailsCheck#problems()} says what is missing.
   */
  @Transactional
  public DetailsCheck register(NewOrganization command) {
    OrganizationDetails details = command.details();
    Map<String, String> problems = problems(details);
    Instant now = clock.instant();
    String id = UUID.randomUUID().toString();
    organizations.insert(new Organization(id, command.partnerId().trim(), command.organizationName().trim(), details,
        problems.isEmpty(), now, now));
    return new DetailsCheck(id, problems);
  }

  /** Replaces the organization's address and contact with what the back office entered; says what still lacks. */
  @Transactional
  public DetailsCheck updateDetails(String organizationId, ContactAndAddress entered) {
    OrganizationDetails details = entered.details();
    Map<String, String> problems = problems(details);
    organizations.updateDetails(organizationId, details, problems.isEmpty(), clock.instant());
    return new DetailsCheck(organizationId, problems);
  }

  private Map<String, String> problems(OrganizationDetails details) {
    return validator.validate(details).stream()
        .sorted(Comparator.comparing(v -> fieldOrder(v.getPropertyPath().toString())))
        .collect(Collectors.toMap(v -> v.getPropertyPath().toString(), ConstraintViolation::getMessage,
            (a, b) -> a + ", " + b, LinkedHashMap::new));
  }

  private static int fieldOrder(String field) {
    for (int i = 0; i < OrganizationDetails.FIELDS.length; i++) {
      if (OrganizationDetails.FIELDS[i].equals(field)) {
        return i;
      }
    }
    return Integer.MAX_VALUE;
  }

  /** The organization's id and, per field, what is missing or invalid (empty when complete). */
  public record DetailsCheck(String organizationId, Map<String, String> problems) {

    public boolean complete() {
      return problems.isEmpty();
    }

    /** For the person completing the details: one line per field. */
    public String summary() {
      return problems.entrySet().stream().map(p -> p.getKey() + ": " + p.getValue())
          .collect(Collectors.joining("\n"));
    }
  }
}
