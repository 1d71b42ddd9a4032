using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using JobPlatform.Engine.Jobs;
using StackExchange.Redis;

namespace JobPlatform.Engine.Handlers;

/// <summary>
/// For tests and benchmarks only: does nothing useful, but on demand. Parameters: <c>duration_ms</c> (0..600000,
/// default 0), <c>progress_steps</c> (0..100, default 0), <c>fail_attempts</c> (how many first attempts throw, default 0),
/// <c>result_rows</c> (0..100000 rows <c>{"row": n, "attempt": a}</c>, written in batches of 1,000 before any failure),
/// <c>secret</c> (a string, declared secret: sealed at rest), <c>trace</c> (default false: each attempt appends
/// <c>attempt {a} started</c> to the Redis list <see cref="TraceKey"/> when its handler starts, and
/// <c>attempt {a} stopped</c> when it ends, however it ends), <c>unstorable_result</c> (default false: the result holds a
/// NUL character, which no job record can store), <c>children</c> (0..1000, default 0: the job first starts that many
/// diagnostic children with the parameters <c>child</c>, on the lane <c>child_priority</c> or its own, waits for them,
/// then runs as above), <c>snoozes</c> (0..100, default 0: each attempt first snoozes that many times, for
/// <c>snooze_ms</c> each, 0..600000, default 0). Its result echoes the attempt that succeeded, the row count, the process that ran it, the
/// secret's SHA-256 (hex, null without one: proof that the worker saw the clear value, without showing it), and with
/// children, how many of them ended in each status, and how many times the attempt snoozed.
/// </summary>
/// <remarks>
/// The trace is an effect outside the job's record, like a call to an external API: it is not conditioned on the
/// lease, and Redis orders the entries of all workers in one list, so it shows whether two attempts of a job ever ran
/// at the same time, even while PostgreSQL is unreachable.
/// </remarks>
public sealed class DiagnosticJobHandler(IConnectionMultiplexer redis, TimeProvider time) : IJobType, IJobHandler
{
    /// <summary>Registered only where this is true (the tests and the benchmark): a production API does not offer it.</summary>
    public const string EnabledKey = "Jobs:Diagnostics:Enabled";

    /// <summary>The insert batch of docs/requirements.md R-001-9.</summary>
    private const int RowBatch = 1000;

    private static readonly TimeSpan TraceRetention = TimeSpan.FromHours(1);

    public static string TraceKey(Guid jobId) => $"diagnostic-trace:{jobId:N}";

    public string Name => "diagnostic";

    public string JobType => Name;

    public Workload Workload => Workload.General;

    public int Cost => 1;

    public TimeSpan EstimatedDuration => TimeSpan.FromSeconds(1);

    public IReadOnlyList<string> SecretParameters => ["secret"];

    public string? Validate(JsonElement parameters) =>
        Integer(parameters, "duration_ms", 0, 600_000) ?? Integer(parameters, "progress_steps", 0, 100)
        ?? Integer(parameters, "fail_attempts", 0, 100) ?? Integer(parameters, "result_rows", 0, 100_000)
        ?? Boolean(parameters, "trace") ?? Boolean(parameters, "unstorable_result")
        ?? (parameters.TryGetProperty("secret", out var secret) && secret.ValueKind != JsonValueKind.String ? "parameters.secret must be a string." : null)
        ?? Integer(parameters, "children", 0, 1000) ?? Integer(parameters, "snoozes", 0, 100) ?? Integer(parameters, "snooze_ms", 0, 600_000)
        ?? (parameters.TryGetProperty("child_priority", out var lane) && !(lane.ValueKind == JsonValueKind.String && Priorities.All.Contains(lane.GetString()))
            ? $"parameters.child_priority must be one of: {string.Join(", ", Priorities.All)}." : null)
        ?? (parameters.TryGetProperty("child", out var child)
            ? child.ValueKind == JsonValueKind.Object ? Validate(child) is { } invalid ? $"parameters.child: {invalid}" : null : "parameters.child must be an object."
            : null);

    public async Task<JobStep> ExecuteAsync(JobExecutionContext context, CancellationToken cancellationToken)
    {
        if (context.Checkpoint is null && Read(context.Parameters, "children") is > 0 and var count)
        {
            var child = context.Parameters.TryGetProperty("child", out var parameters) ? parameters : JsonSerializer.SerializeToElement(new { });
            var lane = context.Parameters.TryGetProperty("child_priority", out var priority) ? priority.GetString() : null;
            return new JobStep.AwaitChildren(Enumerable.Repeat(new ChildJob(Name, child, lane), count).ToList(),
                JsonSerializer.SerializeToElement(new { children = count }), ProgressWhenChildrenEnd: 90);
        }

        if (!context.Parameters.TryGetProperty("trace", out var trace) || !trace.GetBoolean())
        {
            return await RunAsync(context, cancellationToken);
        }

        await TraceAsync(context, "started");
        try
        {
            return await RunAsync(context, cancellationToken);
        }
        finally
        {
            await TraceAsync(context, "stopped");
        }
    }

    private async Task<JobStep> RunAsync(JobExecutionContext context, CancellationToken cancellationToken)
    {
        var snoozed = context.SnoozeState?.GetProperty("snoozed").GetInt32() ?? 0;
        if (snoozed < Read(context.Parameters, "snoozes"))
        {
            return new JobStep.Snooze(TimeSpan.FromMilliseconds(Read(context.Parameters, "snooze_ms")),
                JsonSerializer.SerializeToElement(new { snoozed = snoozed + 1 }));
        }

        var duration = TimeSpan.FromMilliseconds(Read(context.Parameters, "duration_ms"));
        var steps = Read(context.Parameters, "progress_steps");
        var rows = Read(context.Parameters, "result_rows");
        for (var first = 0; first < rows; first += RowBatch)
        {
            var batch = Enumerable.Range(first, Math.Min(RowBatch, rows - first))
                .Select(n => JsonSerializer.SerializeToElement(new { row = n, attempt = context.Attempt })).ToList();
            await context.WriteResultRowsAsync(first, batch, cancellationToken);
        }

        if (context.Attempt <= Read(context.Parameters, "fail_attempts"))
        {
            throw new InvalidOperationException($"Diagnostic failure of attempt {context.Attempt}.");
        }

        for (var step = 1; step <= Math.Max(steps, 1); step++)
        {
            await Task.Delay(duration / Math.Max(steps, 1), time, cancellationToken);
            if (steps > 0)
            {
                await context.ReportProgressAsync(step * 100 / steps, $"Step {step} of {steps}");
            }
        }

        if (context.Parameters.TryGetProperty("unstorable_result", out var unstorable) && unstorable.GetBoolean())
        {
            return new JobStep.Complete(JsonSerializer.SerializeToElement(new { attempt = context.Attempt, text = "a\0b" }));
        }

        var secretSha256 = context.Parameters.TryGetProperty("secret", out var secret)
            ? Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret.GetString()!)))
            : null;
        var children = context.Checkpoint is null
            ? null
            : (await context.ReadChildrenAsync(cancellationToken)).CountBy(c => c.Status).ToDictionary(c => c.Key, c => c.Value);
        return new JobStep.Complete(JsonSerializer.SerializeToElement(new
        {
            attempt = context.Attempt, rows, worker_process_id = Environment.ProcessId, secret_sha256 = secretSha256, children, snoozed,
        }));
    }

    private async Task TraceAsync(JobExecutionContext context, string transition)
    {
        try
        {
            var database = redis.GetDatabase();
            await database.ListRightPushAsync(TraceKey(context.JobId), $"attempt {context.Attempt} {transition}");
            await database.KeyExpireAsync(TraceKey(context.JobId), TraceRetention);
        }
        catch (RedisException)
        {
            // A missing entry shows in the trace; it must not change the attempt's outcome.
        }
    }

    private static int Read(JsonElement parameters, string name) =>
        parameters.TryGetProperty(name, out var value) ? value.GetInt32() : 0;

    private static string? Integer(JsonElement parameters, string name, int min, int max) =>
        !parameters.TryGetProperty(name, out var value)
        || (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number >= min && number <= max)
            ? null
            : $"parameters.{name} must be an integer from {min} to {max}.";

    private static string? Boolean(JsonElement parameters, string name) =>
        !parameters.TryGetProperty(name, out var value) || value.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? null
            : $"parameters.{name} must be true or false.";
}
