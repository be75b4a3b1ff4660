-- Customer admin credentials are issued once per organization, ever ("Request customer admin credentials").
-- The row is the claim: written by the first request, in the same transaction that starts its process, and
-- completed (issued_at) once the password mail went out. It never holds a password.
CREATE TABLE admin_credentials_issue (
  organization_id      VARCHAR(36)  PRIMARY KEY REFERENCES organization (id),
  admin_user_name      VARCHAR(254) NOT NULL,
  issued_to            VARCHAR(254) NOT NULL,
  issued_by            VARCHAR(100) NOT NULL,
  requested_at         TIMESTAMP    NOT NULL,
  issued_at            TIMESTAMP,
  process_instance_id  VARCHAR(64)  NOT NULL
);
