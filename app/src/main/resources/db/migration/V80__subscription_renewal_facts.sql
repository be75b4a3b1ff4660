-- New commerce's renewal facts as Microsoft last reported them (issue 17): whether the subscription renews at its
-- commitment end date (null: not read since this column exists), the end of the 7-day cancellation window of its
-- purchase or last renewal, and the change scheduled for the next term (all null: none).
ALTER TABLE subscription ADD COLUMN auto_renew BOOLEAN;
ALTER TABLE subscription ADD COLUMN cancellation_allowed_until TIMESTAMP;
ALTER TABLE subscription ADD COLUMN next_term_catalog_item_id VARCHAR(100);
ALTER TABLE subscription ADD COLUMN next_term_quantity INTEGER;
ALTER TABLE subscription ADD COLUMN next_term_duration VARCHAR(8);
ALTER TABLE subscription ADD COLUMN next_term_billing_cycle VARCHAR(16);
