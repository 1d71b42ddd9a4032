namespace JobPlatform.Engine.Data;

public sealed class Tenant
{
    public Guid Id { get; init; }

    public required string Name { get; init; }

    public required string Tier { get; init; }

    public long Credits { get; set; }

    public DateTimeOffset CreatedAt { get; init; }
}

public sealed class User
{
    public Guid Id { get; init; }

    public Guid TenantId { get; init; }

    public required string Name { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public Tenant? Tenant { get; init; }
}

public sealed class ApiKey
{
    public required byte[] KeyHash { get; init; }

    public Guid UserId { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public User? User { get; init; }
}

public sealed class Job
{
    public Guid Id { get; init; }

    public Guid TenantId { get; init; }

    public Guid UserId { get; init; }

    public required string JobType { get; init; }

    public required string Priority { get; init; }

    public required string Status { get; set; }

    /// <summary>As stored: the job type's secret parameters sealed (<see cref="Jobs.JobParameterSealer"/>).</summary>
    public required string Parameters { get; init; }

    public string? IdempotencyKey { get; init; }

    public byte[]? RequestHash { get; init; }

    public int Cost { get; init; }

    public int Attempts { get; set; }

    public int MaxAttempts { get; init; }

    public int ProgressPercent { get; set; }

    public string? ProgressMessage { get; set; }

    public string? Result { get; set; }

    public string? ErrorMessage { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public DateTimeOffset RunAfter { get; set; }

    public bool Enqueued { get; set; }

    public string? LeaseOwner { get; set; }

    public DateTimeOffset? HeartbeatAt { get; set; }

    public bool CancelRequested { get; set; }

    public DateTimeOffset? DeadLetteredAt { get; set; }

    /// <summary>
    /// While a job of this key is queued, running or waiting, its owner cannot have a second one: the request gets the
    /// live job instead (docs/requirements.md R-003-6). Null for most jobs.
    /// </summary>
    public string? ActiveKey { get; init; }

    /// <summary>The job whose handler started this one (<see cref="Jobs.JobStep.AwaitChildren"/>); null for a job a client started.</summary>
    public Guid? ParentId { get; init; }

    /// <summary>What the handler's last step that started children returned, given back to its next step.</summary>
    public string? Checkpoint { get; set; }

    /// <summary>Children started by the last wait, and how many of them have ended (the database counts them, migration 0007).</summary>
    public int ChildrenTotal { get; set; }

    public int ChildrenEnded { get; set; }

    /// <summary>The progress at the start of the last wait and at its end: in between, it moves with the children that ended.</summary>
    public int ChildrenProgressFrom { get; set; }

    public int ChildrenProgressTo { get; set; }

    /// <summary>What a snoozed step handed to the next one (<see cref="Jobs.JobStep.Snooze"/>); null unless the attempt snoozed.</summary>
    public string? SnoozeState { get; set; }
}

public sealed class JobResultRow
{
    public Guid JobId { get; init; }

    public int RowNo { get; init; }

    public required string Data { get; init; }
}
