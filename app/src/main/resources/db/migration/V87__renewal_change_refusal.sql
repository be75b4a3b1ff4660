-- A change at renewal Microsoft refused (issue 17): REFUSED with Microsoft's reason, e.g. the subscription was
-- suspended or ended at Microsoft meanwhile, or the next term's product is no longer sold.
ALTER TABLE renewal_change ADD COLUMN refusal_reason VARCHAR(1024);
