-- An agreement's confirmer is the name the caller gave (up to 100 characters) "via" the signed-in user or API
-- client that sent it (up to 64): up to 171 characters, which a column of 100 refused for long names.
ALTER TABLE m365_service ALTER COLUMN agreement_confirmed_by SET DATA TYPE VARCHAR(200);
