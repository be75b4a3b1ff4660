-- The monthly quantity update ("on the 25th") and the billing material it produces.

-- What one term costs per seat per month, e.g. "P1M=6.72 P1Y=5.60": a monthly term costs more than a yearly one.
ALTER TABLE catalog_offer ADD COLUMN term_unit_prices VARCHAR(200);

-- One run of the update for a billing period (YYYY-MM). active_period holds the period while the run is open
-- and is NULL afterwards: its unique index lets only one run per period be open at a time, whichever
-- application node starts it.
CREATE TABLE billing_run (
  id                       VARCHAR(36)   PRIMARY KEY,
  period                   CHAR(7)       NOT NULL,
  active_period            CHAR(7),
  status                   VARCHAR(16)   NOT NULL,
  trigger_source           VARCHAR(16)   NOT NULL,
  requested_by             VARCHAR(64),
  process_instance_id      VARCHAR(64),
  csp_requests_per_second  DECIMAL(8,2)  NOT NULL,
  chunk_count              INTEGER       NOT NULL,
  customers                INTEGER       NOT NULL,
  subscriptions            INTEGER,
  billing_lines            INTEGER,
  drift_count              INTEGER,
  failed_customers         INTEGER,
  totals                   VARCHAR(1024),
  started_at               TIMESTAMP     NOT NULL,
  finished_at              TIMESTAMP
);
CREATE UNIQUE INDEX billing_run_active_period ON billing_run (active_period);
CREATE INDEX billing_run_period ON billing_run (period, started_at);

-- The customers a run covers, fixed when it opens, each in one chunk; outcome PENDING, DONE or FAILED.
CREATE TABLE billing_run_customer (
  run_id           VARCHAR(36)    NOT NULL REFERENCES billing_run (id),
  organization_id  VARCHAR(36)    NOT NULL,
  chunk_no         INTEGER        NOT NULL,
  outcome          VARCHAR(16)    NOT NULL,
  subscriptions    INTEGER,
  failure          VARCHAR(1024),
  PRIMARY KEY (run_id, organization_id)
);
CREATE INDEX billing_run_customer_chunk ON billing_run_customer (run_id, chunk_no);

-- The billing material: one line per active subscription and period. A run replaces its own lines when a chunk
-- is retried; when it completes, the lines of earlier runs of the same period are removed.
CREATE TABLE billing_line (
  run_id           VARCHAR(36)    NOT NULL REFERENCES billing_run (id),
  period           CHAR(7)        NOT NULL,
  partner_id       VARCHAR(64)    NOT NULL,
  organization_id  VARCHAR(36)    NOT NULL,
  subscription_id  VARCHAR(64)    NOT NULL,
  catalog_item_id  VARCHAR(100)   NOT NULL,
  product          VARCHAR(255)   NOT NULL,
  quantity         INTEGER        NOT NULL,
  unit_price       DECIMAL(12,2)  NOT NULL,
  amount           DECIMAL(14,2)  NOT NULL,
  currency         CHAR(3)        NOT NULL,
  term_duration    VARCHAR(8),
  billing_cycle    VARCHAR(16),
  PRIMARY KEY (run_id, subscription_id)
);
CREATE INDEX billing_line_period_partner ON billing_line (period, partner_id);
CREATE INDEX billing_line_run_organization ON billing_line (run_id, organization_id);

-- Where our records differed from Microsoft's: QUANTITY, STATUS (e.g. suspended at Microsoft), DISAPPEARED (no
-- longer listed), NEW_AT_CSP (bought outside cspflow), PRICE_UNKNOWN (active, but not in our catalog: not billed).
CREATE TABLE quantity_drift (
  run_id           VARCHAR(36)    NOT NULL REFERENCES billing_run (id),
  organization_id  VARCHAR(36)    NOT NULL,
  subscription_id  VARCHAR(64)    NOT NULL,
  kind             VARCHAR(16)    NOT NULL,
  our_quantity     INTEGER,
  csp_quantity     INTEGER,
  our_status       VARCHAR(16),
  csp_status       VARCHAR(16),
  PRIMARY KEY (run_id, subscription_id, kind)
);
CREATE INDEX quantity_drift_run_organization ON quantity_drift (run_id, organization_id);
