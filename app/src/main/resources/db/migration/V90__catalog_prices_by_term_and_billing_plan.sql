-- The catalog as Microsoft's catalog API and license-based price sheet give it: an offer's terms with their
-- billing plans, and prices per term AND billing plan (since April 2025 an annual term billed monthly costs 5 %
-- more than billed annually, a monthly term 20 % more), each in force from one date to another. Prices are never
-- deleted: what a billing line was priced at stays explainable. An offer Microsoft no longer lists is kept,
-- withdrawn_on set, because its subscriptions are still billed.

ALTER TABLE catalog_offer ADD COLUMN term_plans VARCHAR(200);
ALTER TABLE catalog_offer ADD COLUMN withdrawn_on DATE;
ALTER TABLE catalog_offer DROP COLUMN terms;
ALTER TABLE catalog_offer DROP COLUMN billing_cycles;
ALTER TABLE catalog_offer DROP COLUMN unit_price;
ALTER TABLE catalog_offer DROP COLUMN term_unit_prices;

-- unit_price is the price sheet's: one seat for one billing period (a year's for an annual plan).
-- effective_to is inclusive; NULL while Microsoft has announced no end.
CREATE TABLE catalog_price (
  catalog_item_id  VARCHAR(100)  NOT NULL,
  term_duration    VARCHAR(8)    NOT NULL,
  billing_plan     VARCHAR(16)   NOT NULL,
  effective_from   DATE          NOT NULL,
  effective_to     DATE,
  unit_price       DECIMAL(14,4) NOT NULL,
  currency         CHAR(3)       NOT NULL,
  PRIMARY KEY (catalog_item_id, term_duration, billing_plan, effective_from)
);

-- Prices by term alone cannot be split by billing plan: the local copy starts again from Microsoft's, loaded at the
-- next start (CatalogService.loadWhenEmpty) or refresh.
DELETE FROM catalog_offer;
ALTER TABLE catalog_offer ALTER COLUMN term_plans SET NOT NULL;
