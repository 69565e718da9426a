-- Membership and job leases. The embedded store runs one node, but keeps the same columns so the
-- repositories' SQL is shared: the node records itself and holds its running job's lease.
CREATE TABLE nodes (
    id TEXT PRIMARY KEY,
    address TEXT NOT NULL,
    version TEXT NOT NULL,
    cores INTEGER NOT NULL,
    memory_bytes INTEGER NOT NULL,
    gpu INTEGER NOT NULL,
    started_ms INTEGER NOT NULL,
    heartbeat_ms INTEGER NOT NULL,
    stopped_ms INTEGER,
    dispatcher_since_ms INTEGER,
    accepts_jobs INTEGER NOT NULL);
ALTER TABLE jobs ADD COLUMN node_id TEXT;
ALTER TABLE jobs ADD COLUMN lease_expires_ms INTEGER;
ALTER TABLE jobs ADD COLUMN requires_gpu INTEGER NOT NULL DEFAULT 0;
CREATE INDEX jobs_node ON jobs(node_id, state);
