-- The project's own tables live beside Camunda's; each feature adds its tables in a migration of its own.
CREATE TABLE cspflow_schema_info (
  id          INTEGER PRIMARY KEY,
  created_at  TIMESTAMP NOT NULL
);
INSERT INTO cspflow_schema_info (id, created_at) VALUES (1, CURRENT_TIMESTAMP);
