-- What the accept path counts for each batch, each count stopping at its limit: a tenant's jobs today (daily quota)
-- and a lane's queued jobs (lane capacity). A tenant's active jobs use jobs_active_by_tenant.
CREATE INDEX jobs_by_tenant_created ON jobs (tenant_id, created_at);
CREATE INDEX jobs_queued_by_priority ON jobs (priority) WHERE status = 'queued';
