-- Changes at renewal (issue 17): what a partner schedules for a subscription's next term (product, seats, term,
-- billing cycle) and whether it renews at all. Microsoft deletes a scheduled next term when the subscription is
-- changed mid-term, so a quantity change keeps the plan it found and says whether it was put back.
CREATE TABLE renewal_change (
  id                         VARCHAR(36)   PRIMARY KEY,
  subscription_id            VARCHAR(64)   NOT NULL REFERENCES subscription (id),
  organization_id            VARCHAR(36)   NOT NULL REFERENCES organization (id),
  auto_renew                 BOOLEAN,
  next_term_catalog_item_id  VARCHAR(100),
  next_term_quantity         INTEGER,
  next_term_duration         VARCHAR(8),
  next_term_billing_cycle    VARCHAR(16),
  status                     VARCHAR(16)   NOT NULL,
  requested_by               VARCHAR(64),
  created_at                 TIMESTAMP     NOT NULL,
  updated_at                 TIMESTAMP     NOT NULL
);
CREATE INDEX renewal_change_subscription ON renewal_change (subscription_id);

ALTER TABLE quantity_change ADD COLUMN kept_catalog_item_id VARCHAR(100);
ALTER TABLE quantity_change ADD COLUMN kept_quantity INTEGER;
ALTER TABLE quantity_change ADD COLUMN kept_term_duration VARCHAR(8);
ALTER TABLE quantity_change ADD COLUMN kept_billing_cycle VARCHAR(16);
ALTER TABLE quantity_change ADD COLUMN scheduled_change_restored BOOLEAN;
