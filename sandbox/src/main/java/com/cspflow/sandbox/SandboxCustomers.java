package com.cspflow.sandbox;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The sandbox's directory: tenants, their users and Customer Agreements. A tenant is the partner's customer
 * only with relationship "reseller"; tenants created through the admin endpoint start with "none" and become
 * customers when the relationship request is accepted for them.
 */
@Component
class SandboxCustomers {

  static final String RESELLER = "reseller";
  static final String NO_RELATIONSHIP = "none";

  record Tenant(String id, String commerceId, String domain, String companyName, String email, String country,
      String culture, String language, String relationship, boolean agreementConfirmed, boolean underReview) {}

  /** @param globalAdmin whether the user is a Global Administrator of its tenant, as its first user is */
  record User(String id, String customerId, String userPrincipalName, String displayName, String firstName,
      String lastName, boolean globalAdmin) {}

  record NewTenant(String domain, String companyName, String email, String country, String culture,
      String language, String adminFirstName, String adminLastName) {}

  private static final RowMapper<Tenant> TENANT = (rs, row) -> new Tenant(rs.getString("id"),
      rs.getString("commerce_id"), rs.getString("domain"), rs.getString("company_name"), rs.getString("email"),
      rs.getString("country"), rs.getString("culture"), rs.getString("language"), rs.getString("relationship"),
      rs.getBoolean("agreement_confirmed"), rs.getBoolean("under_review"));

  private static final RowMapper<User> USER = (rs, row) -> new User(rs.getString("id"), rs.getString("customer_id"),
      rs.getString("user_principal_name"), rs.getString("display_name"), rs.getString("first_name"),
      rs.getString("last_name"), rs.getBoolean("global_admin"));

  private final JdbcTemplate jdbc;
  /** Password resets per user id since start: lets tests see how often a password was reset, not just when. */
  private final Map<String, Integer> passwordResets = new ConcurrentHashMap<>();

  SandboxCustomers(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  boolean domainExists(String domain) {
    Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM sandbox_customer WHERE domain = ?", Integer.class,
        domain.toLowerCase());
    return count != null && count > 0;
  }

  /** A new tenant with its first global administrator, admin@domain. */
  @Transactional
  Tenant create(NewTenant tenant, String relationship) {
    String id = UUID.randomUUID().toString();
    String domain = tenant.domain().toLowerCase();
    try {
      jdbc.update("INSERT INTO sandbox_customer (id, commerce_id, domain, company_name, email, country, culture, "
              + "language, relationship, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          id, UUID.randomUUID().toString(), domain, tenant.companyName(), tenant.email(), tenant.country(),
          tenant.culture(), tenant.language(), relationship, System.currentTimeMillis());
    } catch (DuplicateKeyException taken) {
      throw domainTaken(domain);
    }
    String first = tenant.adminFirstName() == null ? "Global" : tenant.adminFirstName();
    String last = tenant.adminLastName() == null ? "Administrator" : tenant.adminLastName();
    createUser(id, "admin@" + domain, first, last, true);
    return tenant(id).orElseThrow();
  }

  /** A user the customer's own administrator adds to the tenant. */
  User createUser(String customerId, String userPrincipalName, String firstName, String lastName,
      boolean globalAdmin) {
    String id = UUID.randomUUID().toString();
    jdbc.update("INSERT INTO sandbox_user (id, customer_id, user_principal_name, display_name, first_name, last_name, "
        + "global_admin) VALUES (?, ?, ?, ?, ?, ?, ?)", id, customerId, userPrincipalName.toLowerCase(),
        firstName + " " + lastName, firstName, lastName, globalAdmin);
    return user(customerId, id).orElseThrow();
  }

  static SandboxError domainTaken(String domain) {
    return new SandboxError(409, SandboxError.DOMAIN_ALREADY_EXISTS,
        "The domain " + domain + " is already in use.");
  }

  Optional<Tenant> tenant(String id) {
    return jdbc.query("SELECT * FROM sandbox_customer WHERE id = ?", TENANT, id).stream().findFirst();
  }

  /** A tenant the partner may act for; any other id is "not found", as for a stranger at Microsoft. */
  Tenant customer(String id) {
    return tenant(id).filter(t -> RESELLER.equals(t.relationship()))
        .orElseThrow(() -> SandboxError.notFound("Customer " + id + " not found"));
  }

  Optional<Tenant> byDomain(String domain) {
    return jdbc.query("SELECT * FROM sandbox_customer WHERE domain = ?", TENANT, domain.toLowerCase()).stream()
        .findFirst();
  }

  /** The partner's customers whose domain starts with {@code prefix} (all of them for an empty prefix). */
  List<Tenant> customersByDomainPrefix(String prefix, int limit) {
    String pattern = prefix.toLowerCase().replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    return jdbc.query("SELECT * FROM sandbox_customer WHERE relationship = ? AND domain LIKE ? ESCAPE '!' "
        + "ORDER BY domain FETCH FIRST " + limit + " ROWS ONLY", TENANT, RESELLER, pattern);
  }

  void acceptRelationship(String id) {
    jdbc.update("UPDATE sandbox_customer SET relationship = ? WHERE id = ?", RESELLER, id);
  }

  void setUnderReview(String id, boolean underReview) {
    jdbc.update("UPDATE sandbox_customer SET under_review = ? WHERE id = ?", underReview, id);
  }

  @Transactional
  void confirmAgreement(String customerId, String templateId, String firstName, String lastName, String email,
      String phoneNumber, String dateAgreed) {
    jdbc.update("INSERT INTO sandbox_agreement (id, customer_id, template_id, first_name, last_name, email, "
            + "phone_number, date_agreed, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        UUID.randomUUID().toString(), customerId, templateId, firstName, lastName, email, phoneNumber, dateAgreed,
        System.currentTimeMillis());
    jdbc.update("UPDATE sandbox_customer SET agreement_confirmed = TRUE WHERE id = ?", customerId);
  }

  List<User> users(String customerId) {
    return jdbc.query("SELECT * FROM sandbox_user WHERE customer_id = ? ORDER BY user_principal_name", USER,
        customerId);
  }

  Optional<User> user(String customerId, String userId) {
    return jdbc.query("SELECT * FROM sandbox_user WHERE customer_id = ? AND id = ?", USER, customerId, userId)
        .stream().findFirst();
  }

  /** Only the fact is kept; the password itself is neither stored nor logged. */
  void passwordChanged(String userId, boolean forceChange) {
    jdbc.update("UPDATE sandbox_user SET password_changed_at = ?, force_change_password = ? WHERE id = ?",
        System.currentTimeMillis(), forceChange, userId);
    passwordResets.merge(userId, 1, Integer::sum);
  }

  int passwordResets(String userId) {
    return passwordResets.getOrDefault(userId, 0);
  }

  boolean forceChangePassword(String userId) {
    return Boolean.TRUE.equals(jdbc.queryForObject("SELECT force_change_password FROM sandbox_user WHERE id = ?",
        Boolean.class, userId));
  }
}
