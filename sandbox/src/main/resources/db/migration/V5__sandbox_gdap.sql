-- GDAP (granular delegated admin privileges) as Microsoft Graph models it: a relationship between the partner and
-- one customer tenant that holds Entra roles for a duration, approved by the customer (or made active at once for
-- the default relationship of a customer the partner created), and access assignments that give a partner
-- security group some of those roles. Only an active relationship with an active assignment to the group the
-- partner's user is in gives that user a role in the customer's tenant.

-- Graph's ids for relationships are two GUIDs joined by a hyphen. status: created, approvalPending, active,
-- terminated; an active one whose end_at has passed reads as expired. Durations are ISO 8601 as sent (P730D).
CREATE TABLE sandbox_gdap_relationship (
  id                    VARCHAR(80)  PRIMARY KEY,
  customer_id           VARCHAR(36)  NOT NULL REFERENCES sandbox_customer (id),
  customer_display_name VARCHAR(255),
  display_name          VARCHAR(50)  NOT NULL,
  status                VARCHAR(20)  NOT NULL,
  duration              VARCHAR(20)  NOT NULL,
  auto_extend_duration  VARCHAR(20)  NOT NULL,
  created_at            BIGINT       NOT NULL,
  last_modified_at      BIGINT       NOT NULL,
  activated_at          BIGINT,
  end_at                BIGINT
);
CREATE INDEX sandbox_gdap_relationship_customer ON sandbox_gdap_relationship (customer_id);

CREATE TABLE sandbox_gdap_relationship_role (
  relationship_id    VARCHAR(80) NOT NULL REFERENCES sandbox_gdap_relationship (id),
  role_definition_id VARCHAR(36) NOT NULL,
  PRIMARY KEY (relationship_id, role_definition_id)
);

-- The access container is always a security group (Graph's only type). status: active; Graph also knows pending,
-- which the sandbox skips: an assignment is made only on an active relationship and is active at once.
CREATE TABLE sandbox_gdap_access_assignment (
  id                  VARCHAR(36) PRIMARY KEY,
  relationship_id     VARCHAR(80) NOT NULL REFERENCES sandbox_gdap_relationship (id),
  access_container_id VARCHAR(36) NOT NULL,
  status              VARCHAR(20) NOT NULL,
  created_at          BIGINT      NOT NULL,
  last_modified_at    BIGINT      NOT NULL
);
CREATE INDEX sandbox_gdap_access_assignment_relationship ON sandbox_gdap_access_assignment (relationship_id);

CREATE TABLE sandbox_gdap_access_assignment_role (
  assignment_id      VARCHAR(36) NOT NULL REFERENCES sandbox_gdap_access_assignment (id),
  role_definition_id VARCHAR(36) NOT NULL,
  PRIMARY KEY (assignment_id, role_definition_id)
);
