-- When the password mail was handed to the mail server and no answer has been recorded yet. Set just before the
-- mail goes out, cleared with a failed attempt, kept with a delivered one. A job that finds it set on a claim not
-- yet spent knows that an earlier run of it stopped (its node died) between handing the mail over and hearing back:
-- the password may have reached the customer, so it is not reset and sent again until the back office has asked.
ALTER TABLE admin_credentials_issue ADD COLUMN mail_handed_over_at TIMESTAMP;
