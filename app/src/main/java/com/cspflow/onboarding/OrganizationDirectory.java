package com.cspflow.onboarding;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What other features may ask about organizations: whose they are. The onboarding package owns their table.
 *
 * <p>An organization's partner is set when it is stored and never changes, and organizations are not deleted, so the
 * partner of an organization once read is remembered (for every node, as it is a fact no node can change): the API
 * asks on every call about a customer. Only what a committed row says is remembered, never a miss, nor what a
 * transaction still open (which may roll back) reads.
 */
@Component
public class OrganizationDirectory {

  static final int REMEMBERED = 100_000;

  private final OrganizationRepository organizations;
  private final Cache<String, String> partners = Caffeine.newBuilder().maximumSize(REMEMBERED).build();

  public OrganizationDirectory(OrganizationRepository organizations) {
    this.organizations = organizations;
  }

  /** Whether the organization exists and is a customer of this partner. */
  public boolean belongsTo(String organizationId, String partnerId) {
    return partnerOf(organizationId).filter(partnerId::equals).isPresent();
  }

  public Optional<String> partnerOf(String organizationId) {
    if (organizationId == null) {
      return Optional.empty();
    }
    String known = partners.getIfPresent(organizationId);
    if (known != null) {
      return Optional.of(known);
    }
    Optional<String> partner = organizations.find(organizationId).map(Organization::partnerId);
    if (partner.isPresent() && !TransactionSynchronizationManager.isActualTransactionActive()) {
      partners.put(organizationId, partner.get());
    }
    return partner;
  }
}
