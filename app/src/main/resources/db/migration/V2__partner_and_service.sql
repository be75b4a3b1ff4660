-- A partner's Microsoft 365 service on the marketplace ("Add the service to your E-store"), once per partner.
CREATE TABLE partner (
  id               VARCHAR(64)  PRIMARY KEY,
  mpn_id           VARCHAR(16)  NOT NULL,
  contact_name     VARCHAR(100) NOT NULL,
  contact_email    VARCHAR(254) NOT NULL,
  status           VARCHAR(16)  NOT NULL,
  microsoft_name   VARCHAR(255),
  rejected_reason  VARCHAR(1024),
  requested_at     TIMESTAMP    NOT NULL,
  activated_at     TIMESTAMP
);

-- Microsoft 365 for one customer organization: a new tenant or a migrated one.
CREATE TABLE m365_service (
  organization_id          VARCHAR(36)  PRIMARY KEY REFERENCES organization (id),
  mode                     VARCHAR(16)  NOT NULL,
  status                   VARCHAR(16)  NOT NULL,
  domain                   VARCHAR(100) NOT NULL,
  tenant_id                VARCHAR(64),
  admin_user_name          VARCHAR(254),
  agreement_confirmed_by   VARCHAR(100),
  agreement_confirmed_at   TIMESTAMP,
  agreement_contact_email  VARCHAR(254),
  status_reason            VARCHAR(1024),
  requested_at             TIMESTAMP    NOT NULL,
  activated_at             TIMESTAMP
);
CREATE UNIQUE INDEX m365_service_tenant ON m365_service (tenant_id);

-- Subscriptions we sell or imported on migration; refreshed from Microsoft every month.
CREATE TABLE subscription (
  id                   VARCHAR(64)  PRIMARY KEY,
  organization_id      VARCHAR(36)  NOT NULL REFERENCES organization (id),
  catalog_item_id      VARCHAR(100) NOT NULL,
  offer_name           VARCHAR(255),
  quantity             INTEGER      NOT NULL,
  status               VARCHAR(16)  NOT NULL,
  term_duration        VARCHAR(8),
  billing_cycle        VARCHAR(16),
  start_date           TIMESTAMP,
  commitment_end_date  TIMESTAMP,
  origin               VARCHAR(16)  NOT NULL,
  updated_at           TIMESTAMP    NOT NULL
);
CREATE INDEX subscription_organization ON subscription (organization_id);
