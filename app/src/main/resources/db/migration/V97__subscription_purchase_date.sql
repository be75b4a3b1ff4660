-- When Microsoft created the subscription (its creationDate): a rerun of a past billing period does not bill a
-- subscription bought after that period. Null for a subscription recorded before this column (not known until
-- Microsoft lists it again): billed in every period it is active, as before.
ALTER TABLE subscription ADD COLUMN purchased_at TIMESTAMP;
