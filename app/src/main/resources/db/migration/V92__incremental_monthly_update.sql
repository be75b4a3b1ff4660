-- The monthly update reads from Microsoft only the customers that changed since the last complete run (INCREMENTAL):
-- the ones Partner Center's activity log names, the ones with a renewal date passed, the ones cspflow itself changed
-- (orders, seat changes, cancellations, changes at renewal, renewals the daily check followed) and the ones the last
-- complete run did not update. The others are billed from our records, which that run brought in line. A FULL sweep
-- reads every customer. changes_since is when the changes looked for begin (null for a full sweep).
ALTER TABLE billing_run ADD COLUMN sweep VARCHAR(12) DEFAULT 'FULL' NOT NULL;
ALTER TABLE billing_run ADD COLUMN changes_since TIMESTAMP;
ALTER TABLE billing_run ADD COLUMN customers_read INTEGER;
ALTER TABLE billing_run_customer ADD COLUMN read_from VARCHAR(10) DEFAULT 'MICROSOFT' NOT NULL;
CREATE INDEX billing_run_completed ON billing_run (status, started_at);
CREATE INDEX subscription_order_updated ON subscription_order (updated_at);
CREATE INDEX quantity_change_updated ON quantity_change (updated_at);
CREATE INDEX subscription_cancellation_updated ON subscription_cancellation (updated_at);
CREATE INDEX renewal_change_updated ON renewal_change (updated_at);
CREATE INDEX followed_renewal_found ON followed_renewal (found_at);
CREATE INDEX subscription_commitment_end ON subscription (commitment_end_date);
