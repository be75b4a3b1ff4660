-- Integrations sign in as API clients of their own (OAuth2 client credentials), never with a person's password.
-- A partner's client acts for that partner only; the marketplace's client (the portal) for any partner it names.
-- Only a hash of the secret is kept; the secret is shown once, when the client is registered.
CREATE TABLE api_client (
  client_id    VARCHAR(64)   PRIMARY KEY,
  name         VARCHAR(100)  NOT NULL,
  secret_hash  VARCHAR(100)  NOT NULL,
  role         VARCHAR(16)   NOT NULL,
  partner_id   VARCHAR(64),
  enabled      BOOLEAN       NOT NULL,
  created_at   TIMESTAMP     NOT NULL,
  created_by   VARCHAR(100)  NOT NULL,
  disabled_at  TIMESTAMP
);

-- The key that signs the API's access tokens: one for every node, its private half encrypted with
-- cspflow.secrets.key (AES-GCM).
CREATE TABLE api_signing_key (
  id                     VARCHAR(36)   PRIMARY KEY,
  public_key             VARCHAR(1000) NOT NULL,
  private_key_encrypted  VARCHAR(4000) NOT NULL,
  created_at             TIMESTAMP     NOT NULL
);

-- Idempotency-Key of a creating POST: the first answer, kept so that a retry with the same key and body gets it again
-- instead of a second order. One per caller and key; the fingerprint is a hash of method, path and body.
CREATE TABLE idempotency_key (
  caller          VARCHAR(100)  NOT NULL,
  idempotency_key VARCHAR(255)  NOT NULL,
  fingerprint     CHAR(64)      NOT NULL,
  http_status     INTEGER,
  content_type    VARCHAR(100),
  location        VARCHAR(500),
  body            TEXT,
  created_at      TIMESTAMP     NOT NULL,
  PRIMARY KEY (caller, idempotency_key)
);
CREATE INDEX idempotency_key_created ON idempotency_key (created_at);
