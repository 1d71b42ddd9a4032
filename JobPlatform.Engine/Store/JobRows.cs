using JobPlatform.Engine.Data;
using Npgsql;

namespace JobPlatform.Engine.Store;

/// <summary>
/// Reads the rows of a <c>RETURNING jobs.*</c> into <see cref="Job"/>s without EF Core, for the statements every job
/// runs (claim, completion): for an ad hoc <c>FromSqlRaw</c> EF Core compiles a parameter delegate and generates the SQL
/// again on every execution, and its compiled queries do not support <c>FromSqlRaw</c>. Columns are found by their
/// names in the schema (EF Core's mapping of the same properties, in snake_case).
/// </summary>
internal static class JobRows
{
    public static async Task<List<Job>> ReadAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        var jobs = new List<Job>();
        if (!reader.HasRows)
        {
            return jobs;
        }

        var column = Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName);
        string? Text(string name) => reader.IsDBNull(column[name]) ? null : reader.GetString(column[name]);
        DateTimeOffset? Time(string name) => reader.IsDBNull(column[name]) ? null : reader.GetFieldValue<DateTimeOffset>(column[name]);
        while (await reader.ReadAsync(cancellationToken))
        {
            jobs.Add(new Job
            {
                Id = reader.GetGuid(column["id"]),
                TenantId = reader.GetGuid(column["tenant_id"]),
                UserId = reader.GetGuid(column["user_id"]),
                JobType = reader.GetString(column["job_type"]),
                Priority = reader.GetString(column["priority"]),
                Status = reader.GetString(column["status"]),
                Parameters = reader.GetString(column["parameters"]),
                IdempotencyKey = Text("idempotency_key"),
                RequestHash = reader.IsDBNull(column["request_hash"]) ? null : reader.GetFieldValue<byte[]>(column["request_hash"]),
                Cost = reader.GetInt32(column["cost"]),
                Attempts = reader.GetInt32(column["attempts"]),
                MaxAttempts = reader.GetInt32(column["max_attempts"]),
                ProgressPercent = reader.GetInt32(column["progress_percent"]),
                ProgressMessage = Text("progress_message"),
                Result = Text("result"),
                ErrorMessage = Text("error_message"),
                CreatedAt = reader.GetFieldValue<DateTimeOffset>(column["created_at"]),
                StartedAt = Time("started_at"),
                CompletedAt = Time("completed_at"),
                RunAfter = reader.GetFieldValue<DateTimeOffset>(column["run_after"]),
                Enqueued = reader.GetBoolean(column["enqueued"]),
                LeaseOwner = Text("lease_owner"),
                HeartbeatAt = Time("heartbeat_at"),
                CancelRequested = reader.GetBoolean(column["cancel_requested"]),
                DeadLetteredAt = Time("dead_lettered_at"),
                ActiveKey = Text("active_key"),
                ParentId = reader.IsDBNull(column["parent_id"]) ? null : reader.GetGuid(column["parent_id"]),
                Checkpoint = Text("checkpoint"),
                ChildrenTotal = reader.GetInt32(column["children_total"]),
                ChildrenEnded = reader.GetInt32(column["children_ended"]),
                ChildrenProgressFrom = reader.GetInt32(column["children_progress_from"]),
                ChildrenProgressTo = reader.GetInt32(column["children_progress_to"]),
                SnoozeState = Text("snooze_state"),
            });
        }

        return jobs;
    }
}
