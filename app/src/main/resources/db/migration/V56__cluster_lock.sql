-- What every node does once at start (users, groups, authorizations, filters, API clients, the token signing key)
-- happens under this row's lock, one node after the other: two nodes started together never both create the same
-- group or user.
CREATE TABLE cluster_lock (
  name  VARCHAR(64) PRIMARY KEY
);
INSERT INTO cluster_lock (name) VALUES ('startup');
