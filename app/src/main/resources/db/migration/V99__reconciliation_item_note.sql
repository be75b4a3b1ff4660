-- Microsoft's order of a charge line (OrderId of the reconciliation export), to tell a charge of an order of ours that
-- is still in progress from leakage.
ALTER TABLE microsoft_charge ADD COLUMN order_id VARCHAR(64);
-- What the back office should know about an item beyond its outcome: for a charge of Microsoft's not billed by us, the
-- order of ours that it belongs to when that order is still in progress (its charge is recorded when it is fulfilled,
-- so a reconciliation made meanwhile finds Microsoft's charge alone).
ALTER TABLE reconciliation_item ADD COLUMN note VARCHAR(500);
