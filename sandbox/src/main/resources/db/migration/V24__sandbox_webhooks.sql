-- Partner Center's webhook registration: one per partner, where its events are posted and which.
CREATE TABLE sandbox_webhook_registration (
  id INT PRIMARY KEY,
  subscriber_id VARCHAR(36) NOT NULL,
  webhook_url VARCHAR(2000) NOT NULL,
  webhook_events VARCHAR(4000) NOT NULL
);
