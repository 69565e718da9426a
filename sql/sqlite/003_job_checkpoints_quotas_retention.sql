-- Jobs: when the owner last downloaded the whole results zip (retention purges soon after), the bytes the outputs
-- hold (storage quota), and when the current run started (maximum job duration).
ALTER TABLE jobs ADD COLUMN downloaded_ms BIGINT;
ALTER TABLE jobs ADD COLUMN output_bytes BIGINT;
ALTER TABLE jobs ADD COLUMN started_ms BIGINT;
-- Per-user overrides of the configured retention window and quotas; NULL takes the default.
ALTER TABLE users ADD COLUMN retention_minutes BIGINT;
ALTER TABLE users ADD COLUMN quota_jobs_per_day BIGINT;
ALTER TABLE users ADD COLUMN quota_upload_bytes BIGINT;
ALTER TABLE users ADD COLUMN quota_storage_bytes BIGINT;
-- One row per stage of each run of a job: the checkpoints a requeued job resumes after, and the timings the ETA uses.
CREATE TABLE job_stages (
    job_id TEXT NOT NULL REFERENCES jobs(id),
    run BIGINT NOT NULL,
    stage TEXT NOT NULL,
    started_ms BIGINT NOT NULL,
    finished_ms BIGINT,
    seconds DOUBLE PRECISION,
    PRIMARY KEY (job_id, run, stage));
CREATE INDEX job_stages_finished ON job_stages(finished_ms);
