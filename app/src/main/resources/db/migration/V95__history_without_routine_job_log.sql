-- The engine's history level becomes "full-without-routine-job-log" (id 30, com.cspflow.platform.AuditedHistory):
-- Camunda's "full" without the job log's creation, success and deletion rows. The engine refuses to start when the
-- level stored here differs from its configuration; a database the engine has not started on yet has no row, and the
-- engine writes it.
UPDATE ACT_GE_PROPERTY SET VALUE_ = '30' WHERE NAME_ = 'historyLevel';
