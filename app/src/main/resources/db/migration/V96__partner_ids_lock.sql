-- A new partner's id is checked against the existing ones (also in other letter case) and inserted under this row's
-- lock, so that two setups of "p-1" and "P-1" at the same moment take turns and the second is refused.
INSERT INTO cluster_lock (name) VALUES ('partner-ids');
