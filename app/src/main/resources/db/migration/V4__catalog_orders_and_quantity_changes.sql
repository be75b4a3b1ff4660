-- The CSP's catalog, kept locally: the price list and order validation read it without calling Microsoft.
CREATE TABLE catalog_offer (
  catalog_item_id   VARCHAR(100)  PRIMARY KEY,
  category          VARCHAR(50)   NOT NULL,
  product_group     VARCHAR(50)   NOT NULL,
  product           VARCHAR(255)  NOT NULL,
  minimum_quantity  INTEGER       NOT NULL,
  maximum_quantity  INTEGER       NOT NULL,
  terms             VARCHAR(100)  NOT NULL,
  billing_cycles    VARCHAR(100)  NOT NULL,
  unit_price        DECIMAL(12,2) NOT NULL,
  currency          CHAR(3)       NOT NULL,
  refreshed_at      TIMESTAMP     NOT NULL
);

-- "Order Subscription": In progress until Microsoft has provisioned it (Fulfilled), or Failed with the reason.
CREATE TABLE subscription_order (
  id               VARCHAR(36)   PRIMARY KEY,
  organization_id  VARCHAR(36)   NOT NULL REFERENCES organization (id),
  catalog_item_id  VARCHAR(100)  NOT NULL,
  product          VARCHAR(255)  NOT NULL,
  quantity         INTEGER       NOT NULL,
  term_duration    VARCHAR(8)    NOT NULL,
  billing_cycle    VARCHAR(16)   NOT NULL,
  status           VARCHAR(16)   NOT NULL,
  attempt          INTEGER       NOT NULL,
  csp_order_id     VARCHAR(64),
  subscription_id  VARCHAR(64),
  failure_reason   VARCHAR(1024),
  requested_by     VARCHAR(64),
  created_at       TIMESTAMP     NOT NULL,
  updated_at       TIMESTAMP     NOT NULL,
  fulfilled_at     TIMESTAMP
);
CREATE INDEX subscription_order_organization ON subscription_order (organization_id, created_at);

ALTER TABLE subscription ADD COLUMN order_id VARCHAR(36);

-- A partner's change of seat count on a subscription it already has.
CREATE TABLE quantity_change (
  id                   VARCHAR(36)   PRIMARY KEY,
  subscription_id      VARCHAR(64)   NOT NULL REFERENCES subscription (id),
  organization_id      VARCHAR(36)   NOT NULL REFERENCES organization (id),
  previous_quantity    INTEGER       NOT NULL,
  requested_quantity   INTEGER       NOT NULL,
  status               VARCHAR(16)   NOT NULL,
  refusal_reason       VARCHAR(1024),
  schedulable_from     TIMESTAMP,
  requested_by         VARCHAR(64),
  created_at           TIMESTAMP     NOT NULL,
  updated_at           TIMESTAMP     NOT NULL
);
CREATE INDEX quantity_change_subscription ON quantity_change (subscription_id);
