-- Every attempt to mail a customer's admin credentials (issue 13): who asked for it, when, to whom, and what the mail
-- server did with it: SENT, REFUSED (a permanent SMTP refusal, 5xx: the one-time issue is not spent and the back
-- office corrects the address or withdraws) or FAILED_TEMPORARILY (4xx or no connection: the job retries). Never a
-- password. The rows outlive a withdrawn claim, so the record of a withdrawn request stays.
CREATE TABLE admin_credentials_attempt (
  id                   VARCHAR(36)  PRIMARY KEY,
  organization_id      VARCHAR(36)  NOT NULL REFERENCES organization (id),
  process_instance_id  VARCHAR(64)  NOT NULL,
  requested_by         VARCHAR(100) NOT NULL,
  attempted_at         TIMESTAMP    NOT NULL,
  recipient            VARCHAR(254) NOT NULL,
  outcome              VARCHAR(24)  NOT NULL
);
CREATE INDEX admin_credentials_attempt_organization ON admin_credentials_attempt (organization_id, attempted_at);

-- Who asked for the current recipient: the first requester, or the back-office user who corrected a refused address.
ALTER TABLE admin_credentials_issue ADD COLUMN reissued_by VARCHAR(100);
