-- The reseller relationship link the migration invitation carries, kept with the invitation (issue 19): the mail is a
-- step of its own after the invitation is recorded, and its retries must not ask Partner Center again.
ALTER TABLE customer_relationship ADD COLUMN reseller_invitation_link VARCHAR(1000);
