-- Every renewal or expiry our records followed, once per subscription and ended term, and which check found it: the
-- daily renewal check (DAILY_CHECK) or the monthly update (MONTHLY_UPDATE). The monthly update's drift report lists
-- the renewals it has not listed before with who found them: reported_in_period is the billing period whose drift
-- report lists one (a rerun of the period lists it again, the next period does not).
CREATE TABLE followed_renewal (
  subscription_id  VARCHAR(64)   NOT NULL,
  term_ended_at    TIMESTAMP     NOT NULL,
  organization_id  VARCHAR(36)   NOT NULL REFERENCES organization (id),
  kind             VARCHAR(16)   NOT NULL,
  found_by         VARCHAR(16)   NOT NULL,
  found_at         TIMESTAMP     NOT NULL,
  our_quantity     INTEGER       NOT NULL,
  csp_quantity     INTEGER       NOT NULL,
  our_status       VARCHAR(16)   NOT NULL,
  csp_status       VARCHAR(16)   NOT NULL,
  detail           VARCHAR(255)  NOT NULL,
  reported_in_period VARCHAR(7),
  PRIMARY KEY (subscription_id, term_ended_at)
);
CREATE INDEX followed_renewal_unreported ON followed_renewal (organization_id, reported_in_period);

-- Who found a RENEWED or EXPIRED drift, and when; null for the other kinds, which only the monthly update finds.
ALTER TABLE quantity_drift ADD COLUMN found_by VARCHAR(16);
ALTER TABLE quantity_drift ADD COLUMN found_at TIMESTAMP;
