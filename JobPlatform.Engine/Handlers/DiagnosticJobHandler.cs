using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using JobPlatform.Engine.Jobs;

namespace JobPlatform.Engine.Handlers;

/// <summary>
/// For tests and benchmarks only: does nothing useful, but on demand. Parameters: <c>duration_ms</c> (0..600000,
/// default 0), <c>progress_steps</c> (0..100, default 0), <c>fail_attempts</c> (how many first attempts throw, default 0),
/// <c>result_rows</c> (0..100000 rows <c>{"row": n, "attempt": a}</c>, written in batches of 1,000 before any failure),
/// <c>secret</c> (a string, declared secret: sealed at rest). Its result echoes the attempt that succeeded, the row
/// count, the process that ran it, and the secret's SHA-256 (hex, null without one): proof that the worker saw the
/// clear value, without showing it.
/// </summary>
public sealed class DiagnosticJobHandler : IJobHandler
{
    /// <summary>Seed 001's insert batch.</summary>
    private const int RowBatch = 1000;

    public string JobType => "diagnostic";

    public Workload Workload => Workload.General;

    public int Cost => 1;

    public TimeSpan EstimatedDuration => TimeSpan.FromSeconds(1);

    public IReadOnlyList<string> SecretParameters => ["secret"];

    public string? Validate(JsonElement parameters) =>
        Integer(parameters, "duration_ms", 0, 600_000) ?? Integer(parameters, "progress_steps", 0, 100)
        ?? Integer(parameters, "fail_attempts", 0, 100) ?? Integer(parameters, "result_rows", 0, 100_000)
        ?? (parameters.TryGetProperty("secret", out var secret) && secret.ValueKind != JsonValueKind.String ? "parameters.secret must be a string." : null);

    public async Task<JsonElement?> ExecuteAsync(JobExecutionContext context, CancellationToken cancellationToken)
    {
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
            await Task.Delay(duration / Math.Max(steps, 1), cancellationToken);
            if (steps > 0)
            {
                await context.ReportProgressAsync(step * 100 / steps, $"Step {step} of {steps}");
            }
        }

        var secretSha256 = context.Parameters.TryGetProperty("secret", out var secret)
            ? Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret.GetString()!)))
            : null;
        return JsonSerializer.SerializeToElement(new
        {
            attempt = context.Attempt, rows, worker_process_id = Environment.ProcessId, secret_sha256 = secretSha256,
        });
    }

    private static int Read(JsonElement parameters, string name) =>
        parameters.TryGetProperty(name, out var value) ? value.GetInt32() : 0;

    private static string? Integer(JsonElement parameters, string name, int min, int max) =>
        !parameters.TryGetProperty(name, out var value)
        || (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number >= min && number <= max)
            ? null
            : $"parameters.{name} must be an integer from {min} to {max}.";
}
