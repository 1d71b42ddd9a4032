-- Accept decides from counters that the transitions keep exact, never from scans: its cost no longer grows with a
-- tenant's backlog, its day's volume or a lane's queue.
--
-- Each count is split in two: what enters (written only by accept and redrive, under the tenant's and lane's row
-- locks, which accept holds anyway) and what leaves (written by the workers' transitions and by cancellations, in
-- tables of their own). So a worker never waits for an accept batch's locks, nor an accept for a worker's: accept
-- reads the leaving side as last committed, which is the state just before any transition still in flight, a moment
-- at which its decision is exact.

-- A tenant's active (queued or running) jobs = tenants.jobs_entered - the sum of its tenant_job_exits.jobs.
-- Its jobs today = jobs_today when jobs_day is today (UTC), else 0.
ALTER TABLE tenants
    ADD COLUMN jobs_entered bigint NOT NULL DEFAULT 0,
    ADD COLUMN jobs_today integer NOT NULL DEFAULT 0,
    ADD COLUMN jobs_day date NOT NULL DEFAULT '-infinity';

-- The leaving sides are sharded: each connection adds to the row of its shard (its backend's process id modulo 16),
-- so the batches of different workers, on different connections, do not queue for one hot row; readers sum at most 16.

-- Jobs that left the active states: completed, failed for good, cancelled.
CREATE TABLE tenant_job_exits (
    tenant_id   uuid NOT NULL REFERENCES tenants (id),
    shard       smallint NOT NULL DEFAULT (pg_backend_pid() % 16),
    jobs        bigint NOT NULL,
    PRIMARY KEY (tenant_id, shard)
);

-- A lane's queued jobs = lanes.jobs_entered - the sum of its lane_job_exits.jobs.
CREATE TABLE lanes (
    priority        text PRIMARY KEY,
    jobs_entered    bigint NOT NULL DEFAULT 0
);

-- Jobs that left a lane's queue (claimed, cancelled while queued), net of those that came back to it (retried,
-- released at a worker's shutdown, rescued after a lost lease).
CREATE TABLE lane_job_exits (
    priority    text NOT NULL REFERENCES lanes (priority),
    shard       smallint NOT NULL DEFAULT (pg_backend_pid() % 16),
    jobs        bigint NOT NULL,
    PRIMARY KEY (priority, shard)
);

INSERT INTO lanes (priority) VALUES ('critical'), ('high'), ('normal'), ('low');

-- Start from what the jobs say now.
UPDATE tenants t SET
    jobs_entered = (SELECT count(*) FROM jobs j WHERE j.tenant_id = t.id AND j.status IN ('queued', 'processing')),
    jobs_today = (SELECT count(*) FROM jobs j WHERE j.tenant_id = t.id AND j.created_at >= date_trunc('day', now(), 'UTC')),
    jobs_day = (now() AT TIME ZONE 'UTC')::date;
UPDATE lanes l SET jobs_entered = (SELECT count(*) FROM jobs j WHERE j.status = 'queued' AND j.priority = l.priority);

-- Only the scans of the accept path used these.
DROP INDEX jobs_active_by_tenant;
DROP INDEX jobs_by_tenant_created;
DROP INDEX jobs_queued_by_priority;
