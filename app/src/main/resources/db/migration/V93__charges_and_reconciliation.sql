-- Billing that reconciles with Microsoft's invoice (issue 18).

-- cspflow's own charge lines: what each purchase, seat change, cancellation, renewal and billing cycle costs, by the
-- day, as Microsoft charges it (com.cspflow.reconciliation.ChargeLedger says the rule), with Microsoft's price (cost)
-- and the partner's (sale). A line covers starts_at (the change, or the cycle's start) to ends_at (exclusive); it
-- belongs to the billing period (calendar month, UTC) of starts_at. cause names the event, once per line.
CREATE TABLE charge_line (
  id               VARCHAR(36)    PRIMARY KEY,
  subscription_id  VARCHAR(64)    NOT NULL,
  organization_id  VARCHAR(36)    NOT NULL,
  partner_id       VARCHAR(64)    NOT NULL,
  catalog_item_id  VARCHAR(100)   NOT NULL,
  product          VARCHAR(255)   NOT NULL,
  charge_type      VARCHAR(20)    NOT NULL,
  cause            VARCHAR(100)   NOT NULL,
  term_duration    VARCHAR(8)     NOT NULL,
  billing_cycle    VARCHAR(16)    NOT NULL,
  starts_at        TIMESTAMP      NOT NULL,
  ends_at          TIMESTAMP      NOT NULL,
  days             INTEGER        NOT NULL,
  cycle_days       INTEGER        NOT NULL,
  quantity         INTEGER        NOT NULL,
  cost_unit_price  DECIMAL(14,2)  NOT NULL,
  cost             DECIMAL(14,2)  NOT NULL,
  sale_unit_price  DECIMAL(14,2)  NOT NULL,
  sale             DECIMAL(14,2)  NOT NULL,
  currency         CHAR(3)        NOT NULL,
  created_at       TIMESTAMP      NOT NULL
);
CREATE UNIQUE INDEX charge_line_cause ON charge_line (subscription_id, charge_type, cause);
CREATE INDEX charge_line_starts ON charge_line (starts_at);

-- Microsoft's lines, as Graph's reconciliation export gave them: one export per request, its files downloaded one by
-- one (a file's lines and its row in billing_export_file are written together, so a restart resumes at the first file
-- not downloaded). The files' addresses carry a signature and are never stored: the operation is asked again.
-- billing_period is Graph's current or last (unbilled lines), or invoice (the billed lines of invoice_id).
CREATE TABLE billing_export (
  id              VARCHAR(36)   PRIMARY KEY,
  period          CHAR(7)       NOT NULL,
  billing_period  VARCHAR(8)    NOT NULL,
  invoice_id      VARCHAR(40),
  operation_id    VARCHAR(100)  NOT NULL,
  status          VARCHAR(16)   NOT NULL,
  file_count      INTEGER,
  requested_at    TIMESTAMP     NOT NULL,
  finished_at     TIMESTAMP
);

CREATE TABLE billing_export_file (
  export_id      VARCHAR(36)  NOT NULL REFERENCES billing_export (id),
  file_no        INTEGER      NOT NULL,
  lines          INTEGER      NOT NULL,
  downloaded_at  TIMESTAMP    NOT NULL,
  PRIMARY KEY (export_id, file_no)
);

CREATE TABLE microsoft_charge (
  export_id        VARCHAR(36)    NOT NULL REFERENCES billing_export (id),
  file_no          INTEGER        NOT NULL,
  line_no          INTEGER        NOT NULL,
  tenant_id        VARCHAR(64),
  subscription_id  VARCHAR(64),
  catalog_item_id  VARCHAR(100),
  product          VARCHAR(255),
  charge_type      VARCHAR(40)    NOT NULL,
  charge_start     DATE,
  charge_end       DATE,
  quantity         INTEGER        NOT NULL,
  unit_price       DECIMAL(14,4),
  subtotal         DECIMAL(14,2)  NOT NULL,
  currency         CHAR(3),
  invoice_number   VARCHAR(40),
  PRIMARY KEY (export_id, file_no, line_no)
);

-- A reconciliation of a period: Microsoft's lines of one export against ours, by subscription, charge type and dates.
CREATE TABLE reconciliation (
  id                    VARCHAR(36)    PRIMARY KEY,
  period                CHAR(7)        NOT NULL,
  export_id             VARCHAR(36)    NOT NULL REFERENCES billing_export (id),
  currency              CHAR(3)        NOT NULL,
  matched               INTEGER        NOT NULL,
  amount_differences    INTEGER        NOT NULL,
  quantity_differences  INTEGER        NOT NULL,
  not_billed_by_us      INTEGER        NOT NULL,
  not_charged_by_microsoft INTEGER     NOT NULL,
  microsoft_total       DECIMAL(16,2)  NOT NULL,
  our_total             DECIMAL(16,2)  NOT NULL,
  leakage               DECIMAL(16,2)  NOT NULL,
  created_at            TIMESTAMP      NOT NULL
);
CREATE INDEX reconciliation_period ON reconciliation (period, created_at);

-- One key of the match (subscription, charge type, first and last day) and what came of it.
CREATE TABLE reconciliation_item (
  reconciliation_id   VARCHAR(36)    NOT NULL REFERENCES reconciliation (id),
  item_no             INTEGER        NOT NULL,
  partner_id          VARCHAR(64),
  organization_id     VARCHAR(36),
  subscription_id     VARCHAR(64),
  product             VARCHAR(255),
  charge_type         VARCHAR(40)    NOT NULL,
  charge_start        DATE,
  charge_end          DATE,
  outcome             VARCHAR(24)    NOT NULL,
  microsoft_quantity  INTEGER,
  our_quantity        INTEGER,
  microsoft_amount    DECIMAL(14,2),
  our_amount          DECIMAL(14,2),
  difference          DECIMAL(14,2)  NOT NULL,
  PRIMARY KEY (reconciliation_id, item_no)
);
CREATE INDEX reconciliation_item_partner ON reconciliation_item (reconciliation_id, partner_id);
