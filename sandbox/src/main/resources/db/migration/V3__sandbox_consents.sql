-- The Secure Application Model: a partner user signs in once (with MFA or without) and consents to the app; the
-- app then lives on refresh tokens of that consent. Consents survive a restart with a persistent database, so a
-- refresh token cspflow kept stays valid, and a consent unused for 90 days expires as at Microsoft.
CREATE TABLE sandbox_consent (
  id                  VARCHAR(36)  PRIMARY KEY,
  user_principal_name VARCHAR(255) NOT NULL,
  mfa                 BOOLEAN      NOT NULL,
  created_at          BIGINT       NOT NULL,
  last_used_at        BIGINT       NOT NULL,
  revoked_at          BIGINT
);

-- Only a hash of each refresh token is kept. A token is used once: the grant that uses it sets used_at (on the
-- condition that it is still null, so of two simultaneous uses exactly one wins) and issues the next token.
CREATE TABLE sandbox_refresh_token (
  token_hash VARCHAR(64) PRIMARY KEY,
  consent_id VARCHAR(36) NOT NULL REFERENCES sandbox_consent (id),
  issued_at  BIGINT      NOT NULL,
  used_at    BIGINT
);
CREATE INDEX sandbox_refresh_token_consent ON sandbox_refresh_token (consent_id);
