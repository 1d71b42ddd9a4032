using JobPlatform.Engine.Data;
using JobPlatform.Engine.Jobs;
using JobPlatform.Engine.Store;

namespace JobPlatform.Engine.Rules;

/// <summary>
/// Whether a job may be accepted: the tier's concurrent and daily limits, the lane's capacity, the tenant's credits,
/// checked in that order (the first that fails names the refusal). Decided here only, from counts the job store reads
/// under the tenants' row locks (<see cref="JobStore"/>), so the rules hold exactly across replicas and can be tested
/// without a database.
/// </summary>
public sealed class AcceptRules(JobEngineOptions options)
{
    /// <summary>Retry-After of a tenant at its concurrent limit: about the time a short job takes to finish.</summary>
    private static readonly TimeSpan ConcurrentRetryAfter = TimeSpan.FromSeconds(5);

    /// <summary>Retry-After of a full lane: long enough for its workers to take a few jobs off it.</summary>
    private static readonly TimeSpan LaneRetryAfter = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Each request in arrival order against running tallies, as if the batch's requests came one by one: an accepted
    /// job counts as active, as today's and as queued for the requests after it, and its cost leaves the balance; a
    /// refused one changes nothing.
    /// </summary>
    public IReadOnlyList<AcceptDecision> Decide(IReadOnlyList<PendingJob> batch, AcceptCounts counts)
    {
        var tenants = new Dictionary<Guid, TenantCounts>(counts.Tenants);
        var queued = new Dictionary<string, int>(counts.Queued);
        var decisions = new AcceptDecision[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            var (job, tierName) = batch[i];
            var tenant = tenants[job.TenantId];
            var lane = queued[job.Priority];
            if (Refusal(job, tierName, tenant, lane) is { } refusal)
            {
                decisions[i] = refusal;
                continue;
            }

            tenants[job.TenantId] = new(tenant.Credits - job.Cost, tenant.Active + 1, tenant.Today + 1);
            queued[job.Priority] = lane + 1;
            decisions[i] = new AcceptDecision.Accepted(lane + 1);
        }

        return decisions;
    }

    /// <summary>Whether a balance pays for a job: it may reach zero, never go below.</summary>
    public static bool Covers(long credits, int cost) => credits >= cost;

    private AcceptDecision.Refused? Refusal(Job job, string tierName, TenantCounts tenant, int queued)
    {
        var tier = options.Tiers[tierName];
        if (tenant.Active >= tier.MaxConcurrent)
        {
            return new(AcceptRule.ConcurrentJobs, "Concurrent job limit reached",
                $"The {tierName} tier allows {tier.MaxConcurrent} queued or running jobs at once; this tenant has {tenant.Active}. Retry when one finishes.",
                ConcurrentRetryAfter);
        }

        if (tier.DailyLimit is { } dailyLimit && tenant.Today >= dailyLimit)
        {
            return new(AcceptRule.DailyJobs, "Daily job limit reached",
                $"The {tierName} tier allows {dailyLimit} jobs per UTC day; the limit resets at 00:00 UTC.",
                new DateTimeOffset(job.CreatedAt.UtcDateTime.Date.AddDays(1), TimeSpan.Zero) - job.CreatedAt);
        }

        var lane = options.Lane(job.Priority);
        if (queued >= lane.MaxQueued)
        {
            return new(AcceptRule.LaneCapacity, "Lane full",
                $"The {job.Priority} lane holds its maximum of {lane.MaxQueued} queued jobs. Retry shortly or use another priority.",
                LaneRetryAfter);
        }

        return Covers(tenant.Credits, job.Cost)
            ? null
            : new(AcceptRule.Credits, "Insufficient credits", $"A {job.JobType} job costs {job.Cost} credits; the balance is {tenant.Credits}.");
    }
}
