-- The Partner Center consent (Secure Application Model): a partner user signed in once, with MFA, and cspflow keeps
-- the refresh token it redeems for app+user access tokens. One row per installation, shared by every node. The token
-- is encrypted with cspflow.secrets.key (AES-GCM) and replaced by the rotated one at every redemption, under this
-- row's lock, so that two nodes never redeem the same token. version counts the consents stored (a person's new
-- sign-in), not the rotations. A refusal by Microsoft (expired unused, revoked, no MFA) is kept until a new consent
-- is stored: nothing calls the token endpoint with a refused token.
CREATE TABLE csp_consent (
  id                       VARCHAR(20)   PRIMARY KEY,
  refresh_token_encrypted  VARCHAR(8000) NOT NULL,
  version                  INTEGER       NOT NULL,
  given_at                 TIMESTAMP     NOT NULL,
  given_by                 VARCHAR(100)  NOT NULL,
  last_used_at             TIMESTAMP,
  refused_at               TIMESTAMP,
  refusal_code             INTEGER,
  refusal                  VARCHAR(1000)
);
