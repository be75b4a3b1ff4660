-- What an order and a seat change cost when they were asked for (issue 15): the partner's price per seat and month
-- on the term and billing plan chosen (Microsoft's with the partner's margin), Microsoft's, and the currency. Empty
-- where Microsoft's price sheet had no price, and for rows from before prices were kept.
ALTER TABLE subscription_order ADD COLUMN unit_price DECIMAL(12,2);
ALTER TABLE subscription_order ADD COLUMN cost_unit_price DECIMAL(12,2);
ALTER TABLE subscription_order ADD COLUMN currency CHAR(3);
ALTER TABLE quantity_change ADD COLUMN unit_price DECIMAL(12,2);
ALTER TABLE quantity_change ADD COLUMN cost_unit_price DECIMAL(12,2);
ALTER TABLE quantity_change ADD COLUMN currency CHAR(3);
