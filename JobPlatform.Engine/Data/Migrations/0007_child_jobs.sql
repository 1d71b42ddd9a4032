-- Jobs that start jobs, and one live job per key.

-- waiting: a job whose handler started children and gave its worker slot back until they have all ended. Clients
-- see it as processing (JobStatuses.Waiting).
ALTER TABLE jobs DROP CONSTRAINT jobs_status_check;
ALTER TABLE jobs ADD CONSTRAINT jobs_status_check
    CHECK (status IN ('queued', 'processing', 'waiting', 'completed', 'failed', 'cancelled'));

ALTER TABLE jobs
    ADD COLUMN active_key text,
    ADD COLUMN parent_id uuid,
    ADD COLUMN checkpoint jsonb,
    ADD COLUMN children_total integer NOT NULL DEFAULT 0,
    ADD COLUMN children_ended integer NOT NULL DEFAULT 0,
    ADD COLUMN children_progress_from integer NOT NULL DEFAULT 0,
    ADD COLUMN children_progress_to integer NOT NULL DEFAULT 0;

-- A parent reads its children in the order it started them (their ids are generated in that order).
CREATE INDEX jobs_children ON jobs (parent_id, id) WHERE parent_id IS NOT NULL;

-- One live job per owner and key: accept's insert skips a job whose key is live (ON CONFLICT DO NOTHING), so two
-- simultaneous requests on any replicas get one job, and the refused one is never charged.
CREATE UNIQUE INDEX jobs_active_key ON jobs (user_id, active_key)
    WHERE active_key IS NOT NULL AND status IN ('queued', 'processing', 'waiting');

-- A child's end, however it ends (completed, failed for good, cancelled: six statements of the store can end a job),
-- is counted on its waiting parent in the same transaction; the last one queues the parent again (it re-enters its
-- lane), and the parent's progress moves between the wait's bounds as its children end. Row-level with a WHEN clause,
-- so the statements that move other jobs (every claim, heartbeat and completion) never call the function.
CREATE FUNCTION count_ended_child() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    WITH parent AS (
        UPDATE jobs p SET
            children_ended = p.children_ended + 1,
            progress_percent = p.children_progress_from
                + (p.children_progress_to - p.children_progress_from) * (p.children_ended + 1) / greatest(p.children_total, 1),
            status = CASE WHEN p.children_ended + 1 >= p.children_total THEN 'queued' ELSE p.status END,
            run_after = now(),
            enqueued = false
        WHERE p.id = NEW.parent_id AND p.status = 'waiting'
        RETURNING p.status, p.priority
    )
    INSERT INTO lane_job_exits (priority, jobs) SELECT priority, -1 FROM parent WHERE status = 'queued'
    ON CONFLICT (priority, shard) DO UPDATE SET jobs = lane_job_exits.jobs + excluded.jobs;
    RETURN NULL;
END $$;

CREATE TRIGGER jobs_child_ended AFTER UPDATE OF status ON jobs FOR EACH ROW
    WHEN (NEW.parent_id IS NOT NULL
        AND NEW.status IN ('completed', 'failed', 'cancelled') AND OLD.status NOT IN ('completed', 'failed', 'cancelled'))
    EXECUTE FUNCTION count_ended_child();
