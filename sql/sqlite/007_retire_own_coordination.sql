-- The cluster runs on Orleans: its membership replaces the nodes table, and a job's silo being declared dead
-- replaces job leases. jobs.node_id now holds the Orleans address of the silo running the job.
DROP INDEX jobs_node;
DROP TABLE nodes;
ALTER TABLE jobs DROP COLUMN lease_expires_ms;
CREATE INDEX jobs_node ON jobs(node_id, state);
