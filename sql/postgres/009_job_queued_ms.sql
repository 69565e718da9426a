-- When a job last entered the queue (upload completed, requeued after a lost silo, requeued by an admin): the queue
-- wait metric and the console's queue-length history come from it.
ALTER TABLE jobs ADD COLUMN queued_ms BIGINT;
