-- Cancelling a subscription (issue 17). Microsoft allows it within 7 days of the purchase or renewal; afterwards the
-- refusal names the date the subscription can end instead (its commitment end date), and someone decides whether it
-- ends then (auto-renew off) or is kept. A subscription we cancelled keeps the day it was cancelled.
ALTER TABLE subscription ADD COLUMN cancelled_at TIMESTAMP;

CREATE TABLE subscription_cancellation (
  id                 VARCHAR(36)   PRIMARY KEY,
  subscription_id    VARCHAR(64)   NOT NULL REFERENCES subscription (id),
  organization_id    VARCHAR(36)   NOT NULL REFERENCES organization (id),
  status             VARCHAR(16)   NOT NULL,
  refusal_reason     VARCHAR(1024),
  can_end_at         TIMESTAMP,
  renewal_decision   VARCHAR(16),
  requested_by       VARCHAR(64),
  created_at         TIMESTAMP     NOT NULL,
  updated_at         TIMESTAMP     NOT NULL
);
CREATE INDEX subscription_cancellation_subscription ON subscription_cancellation (subscription_id);
