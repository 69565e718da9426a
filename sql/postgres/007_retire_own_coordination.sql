-- The cluster runs on Orleans: its membership replaces the nodes table, grain calls replace the LISTEN/NOTIFY
-- wake-ups, and a job's silo being declared dead replaces job leases. jobs.node_id now holds the Orleans address
-- of the silo running the job.
DROP TRIGGER jobs_notify ON jobs;
DROP FUNCTION mesa_jobs_notify();
DROP TRIGGER nodes_notify ON nodes;
DROP FUNCTION mesa_nodes_notify();
DROP TABLE nodes;
ALTER TABLE jobs DROP COLUMN lease_expires_ms;
