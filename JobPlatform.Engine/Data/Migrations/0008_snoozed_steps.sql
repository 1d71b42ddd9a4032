-- Snoozed steps.

-- A step that snoozed (JobStep.Snooze) gave its worker slot back: its job waits, with the state the step handed to the
-- next one, until run_after, when the workers' outbox queues it again. The state belongs to the attempt: a failed
-- attempt clears it, and its retry starts from the last checkpoint.
ALTER TABLE jobs ADD COLUMN snooze_state jsonb;

CREATE INDEX jobs_snoozed ON jobs (run_after) WHERE status = 'waiting' AND snooze_state IS NOT NULL;
