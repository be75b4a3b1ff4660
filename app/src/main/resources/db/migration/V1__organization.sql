-- A partner's customer organization: the system of record for what Microsoft needs to create a tenant.
CREATE TABLE organization (
  id                  VARCHAR(36)  PRIMARY KEY,
  partner_id          VARCHAR(64)  NOT NULL,
  name                VARCHAR(80)  NOT NULL,
  contact_first_name  VARCHAR(50),
  contact_last_name   VARCHAR(50),
  contact_email       VARCHAR(254),
  contact_phone       VARCHAR(32),
  street              VARCHAR(100),
  postal_code         VARCHAR(20),
  city                VARCHAR(50),
  country             CHAR(2),
  details_complete    BOOLEAN      NOT NULL,
  created_at          TIMESTAMP    NOT NULL,
  updated_at          TIMESTAMP    NOT NULL
);
CREATE INDEX organization_partner ON organization (partner_id);
