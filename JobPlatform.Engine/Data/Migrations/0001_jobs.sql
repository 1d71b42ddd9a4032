-- Tenants, their users and API keys (stored as SHA-256 hashes), and the record of every job.
CREATE TABLE tenants (
    id          uuid PRIMARY KEY,
    name        text NOT NULL,
    tier        text NOT NULL CHECK (tier IN ('free', 'standard', 'premium', 'enterprise')),
    credits     bigint NOT NULL CHECK (credits >= 0),
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
    id          uuid PRIMARY KEY,
    tenant_id   uuid NOT NULL REFERENCES tenants (id),
    name        text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE api_keys (
    key_hash    bytea PRIMARY KEY,
    user_id     uuid NOT NULL REFERENCES users (id),
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE jobs (
    id                  uuid PRIMARY KEY,
    tenant_id           uuid NOT NULL,
    user_id             uuid NOT NULL,
    job_type            text NOT NULL,
    priority            text NOT NULL,
    status              text NOT NULL CHECK (status IN ('queued', 'processing', 'completed', 'failed', 'cancelled')),
    parameters          jsonb NOT NULL,
    idempotency_key     text,
    request_hash        bytea,
    cost                integer NOT NULL,
    attempts            integer NOT NULL DEFAULT 0,
    max_attempts        integer NOT NULL,
    progress_percent    integer NOT NULL DEFAULT 0,
    progress_message    text,
    result              jsonb,
    error_message       text,
    created_at          timestamptz NOT NULL,
    started_at          timestamptz,
    completed_at        timestamptz,
    -- Not before this time (retry delays); the dispatcher publishes queued jobs that are due and not yet enqueued.
    run_after           timestamptz NOT NULL,
    enqueued            boolean NOT NULL DEFAULT false,
    -- The worker running the attempt and its last sign of life; a stale heartbeat returns the job to the queue.
    lease_owner         text,
    heartbeat_at        timestamptz,
    cancel_requested    boolean NOT NULL DEFAULT false,
    dead_lettered_at    timestamptz
);

CREATE UNIQUE INDEX jobs_idempotency ON jobs (user_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX jobs_by_user ON jobs (user_id, created_at DESC, id DESC);
CREATE INDEX jobs_due ON jobs (run_after) WHERE status = 'queued' AND NOT enqueued;
CREATE INDEX jobs_running ON jobs (heartbeat_at) WHERE status = 'processing';
CREATE INDEX jobs_active_by_tenant ON jobs (tenant_id) WHERE status IN ('queued', 'processing');
CREATE INDEX jobs_finished ON jobs (completed_at) WHERE status IN ('completed', 'failed', 'cancelled');
