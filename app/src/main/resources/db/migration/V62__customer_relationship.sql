-- A migrating customer's two relationships with the partner, as cspflow follows them: the reseller relationship
-- (invited, accepted) and the GDAP relationship requested with the invitation (its id at Microsoft Graph, status as
-- last read, the customer's approval link, when it became active and when its roles were assigned to the partner's
-- agent group). The customer's tenant id comes from Microsoft's sign-in metadata before it is our customer.
-- gdap_requests counts the relationships requested (a reminder after one expired requests another).
CREATE TABLE customer_relationship (
  organization_id         VARCHAR(36)  PRIMARY KEY REFERENCES organization (id),
  customer_tenant_id      VARCHAR(36)  NOT NULL,
  reseller_invited_at     TIMESTAMP,
  reseller_accepted_at    TIMESTAMP,
  gdap_relationship_id    VARCHAR(80),
  gdap_display_name       VARCHAR(50),
  gdap_status             VARCHAR(24),
  gdap_approval_url       VARCHAR(300),
  gdap_requests           INTEGER      NOT NULL,
  gdap_approved_at        TIMESTAMP,
  gdap_roles_assigned_at  TIMESTAMP,
  checked_at              TIMESTAMP
);
