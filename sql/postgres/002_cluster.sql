-- Membership and job leases for several nodes on one database, and the notifications that wake the
-- dispatcher (a job queued or a node freed) and the node a job was placed on. Notifications carry the
-- schema, so stores sharing one database in different schemas ignore each other's.
CREATE TABLE nodes (
    id TEXT PRIMARY KEY,
    address TEXT NOT NULL,
    version TEXT NOT NULL,
    cores INTEGER NOT NULL,
    memory_bytes BIGINT NOT NULL,
    gpu BOOLEAN NOT NULL,
    started_ms BIGINT NOT NULL,
    heartbeat_ms BIGINT NOT NULL,
    stopped_ms BIGINT,
    dispatcher_since_ms BIGINT,
    accepts_jobs BOOLEAN NOT NULL);
ALTER TABLE jobs ADD COLUMN node_id TEXT;
ALTER TABLE jobs ADD COLUMN lease_expires_ms BIGINT;
ALTER TABLE jobs ADD COLUMN requires_gpu BOOLEAN NOT NULL DEFAULT FALSE;
CREATE INDEX jobs_node ON jobs(node_id, state);

CREATE FUNCTION mesa_jobs_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.state = 'running' AND NEW.node_id IS NOT NULL
       AND (TG_OP = 'INSERT' OR OLD.state <> 'running' OR OLD.node_id IS DISTINCT FROM NEW.node_id) THEN
        PERFORM pg_notify('mesa_cluster', TG_TABLE_SCHEMA || ' assigned ' || NEW.node_id);
    ELSIF NEW.state = 'queued' OR (TG_OP = 'UPDATE' AND OLD.state = 'running' AND NEW.state <> 'running') THEN
        PERFORM pg_notify('mesa_cluster', TG_TABLE_SCHEMA || ' queue');
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER jobs_notify AFTER INSERT OR UPDATE OF state, node_id ON jobs
    FOR EACH ROW EXECUTE FUNCTION mesa_jobs_notify();

CREATE FUNCTION mesa_nodes_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('mesa_cluster', TG_TABLE_SCHEMA || ' queue');
    RETURN NULL;
END $$;
CREATE TRIGGER nodes_notify AFTER INSERT ON nodes
    FOR EACH ROW EXECUTE FUNCTION mesa_nodes_notify();
