-- The marketplace's margin on Microsoft's price, per partner: one for all its products, one per product group,
-- one per product (the most specific applies; without any, the marketplace's default). A margin is a percentage
-- of Microsoft's price or a fixed amount per seat and month in the price list's currency.
CREATE TABLE partner_margin (
  partner_id    VARCHAR(64)    NOT NULL REFERENCES partner (id),
  applies_to    VARCHAR(16)    NOT NULL,
  target        VARCHAR(100)   NOT NULL,
  kind          VARCHAR(8)     NOT NULL,
  margin_value  DECIMAL(10,2)  NOT NULL,
  currency      CHAR(3),
  set_by        VARCHAR(128)   NOT NULL,
  set_at        TIMESTAMP      NOT NULL,
  PRIMARY KEY (partner_id, applies_to, target)
);

-- Every change of a margin: who, when, the old and the new one (the old is empty for a first margin).
CREATE TABLE partner_margin_change (
  id            VARCHAR(36)    PRIMARY KEY,
  partner_id    VARCHAR(64)    NOT NULL REFERENCES partner (id),
  applies_to    VARCHAR(16)    NOT NULL,
  target        VARCHAR(100)   NOT NULL,
  old_kind      VARCHAR(8),
  old_value     DECIMAL(10,2),
  old_currency  CHAR(3),
  new_kind      VARCHAR(8)     NOT NULL,
  new_value     DECIMAL(10,2)  NOT NULL,
  new_currency  CHAR(3),
  changed_by    VARCHAR(128)   NOT NULL,
  changed_at    TIMESTAMP      NOT NULL
);
CREATE INDEX partner_margin_change_partner ON partner_margin_change (partner_id, changed_at);

-- What the partner is billed next to what Microsoft charges: a billing line's unit price and amount are the
-- partner's (sale) price; the cost is Microsoft's.
ALTER TABLE billing_line ADD COLUMN cost_unit_price DECIMAL(12,2);
ALTER TABLE billing_line ADD COLUMN cost_amount DECIMAL(14,2);
-- Lines billed before margins existed were billed at Microsoft's price.
UPDATE billing_line SET cost_unit_price = unit_price, cost_amount = amount;
