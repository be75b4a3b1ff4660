-- New commerce's renewals: whether a subscription renews at its commitment end date, and the changes the partner
-- scheduled for the next term (scheduledNextTermInstructions, kept as the JSON Partner Center answers with, since
-- it is only read back whole). A subscription that does not renew expires at term_end.
ALTER TABLE sandbox_subscription ADD COLUMN auto_renew BOOLEAN DEFAULT TRUE NOT NULL;
ALTER TABLE sandbox_subscription ADD COLUMN next_term TEXT;
-- Renewals due are found per customer at every read and time travel.
CREATE INDEX sandbox_subscription_customer_term_end ON sandbox_subscription (customer_id, term_end);
