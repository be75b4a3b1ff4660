-- What a drift was about in words, for the kinds that need more than quantities and statuses (issue 17): RENEWED
-- ("renewed 2026-12-21: 12 → 8 seats"), EXPIRED (auto-renew was off). Null for the others.
ALTER TABLE quantity_drift ADD COLUMN detail VARCHAR(255);
