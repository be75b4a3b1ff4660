-- Resetting an administrator's password needs a stronger GDAP role (Privileged Authentication Administrator)
-- than an ordinary user's (User Administrator): the directory must know who is one. A tenant's first user,
-- admin@domain, is its Global Administrator.
ALTER TABLE sandbox_user ADD COLUMN global_admin BOOLEAN DEFAULT FALSE NOT NULL;
UPDATE sandbox_user SET global_admin = TRUE
  WHERE user_principal_name =
    (SELECT 'admin@' || c.domain FROM sandbox_customer c WHERE c.id = sandbox_user.customer_id);
