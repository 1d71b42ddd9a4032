using JobPlatform.Engine.Data;
using JobPlatform.Engine.Jobs;
using JobPlatform.Engine.Rules;
using JobPlatform.Engine.Store;

namespace JobPlatform.Tests.Engine;

/// <summary>
/// The accept rules with the default settings (free: 2 at once, 50 a day; enterprise: 20 at once, no daily limit;
/// the critical lane holds 50), each at its boundary, in their order, and over a batch with running tallies.
/// </summary>
public sealed class AcceptRulesTests
{
    private static readonly AcceptRules Rules = new(new JobEngineOptions());
    private static readonly Guid TenantId = Guid.CreateVersion7();
    private static readonly DateTimeOffset Now = new(2025, 3, 14, 22, 30, 0, TimeSpan.Zero);

    [Fact]
    public void A_tenant_under_every_limit_is_accepted_at_the_end_of_its_lane() =>
        Assert.Equal(new AcceptDecision.Accepted(8), DecideOne(Counted(credits: 10, active: 1, today: 49), queued: 7));

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, true)]
    [InlineData(3, true)]
    public void The_tier_caps_jobs_queued_or_running_at_once(int active, bool refused)
    {
        var decision = DecideOne(Counted(active: active));

        Assert.Equal(refused, decision is AcceptDecision.Refused { Rule: AcceptRule.ConcurrentJobs, RetryAfter.TotalSeconds: 5 });
    }

    [Theory]
    [InlineData(49, false)]
    [InlineData(50, true)]
    public void The_tier_caps_jobs_per_utc_day_until_midnight(int today, bool refused)
    {
        var decision = DecideOne(Counted(today: today));

        Assert.Equal(refused, decision is AcceptDecision.Refused { Rule: AcceptRule.DailyJobs });
        if (decision is AcceptDecision.Refused refusal)
        {
            Assert.Equal(TimeSpan.FromMinutes(90), refusal.RetryAfter);
        }
    }

    [Fact]
    public void A_tier_without_a_daily_limit_has_none() =>
        Assert.IsType<AcceptDecision.Accepted>(DecideOne(Counted(today: 1_000_000), tier: "enterprise"));

    [Theory]
    [InlineData(49, false)]
    [InlineData(50, true)]
    public void A_lane_holds_its_maximum_of_queued_jobs(int queued, bool refused)
    {
        var decision = DecideOne(Counted(), queued: queued);

        Assert.Equal(refused, decision is AcceptDecision.Refused { Rule: AcceptRule.LaneCapacity, RetryAfter.TotalSeconds: 10 });
    }

    [Theory]
    [InlineData(3, false)]
    [InlineData(2, true)]
    public void A_balance_may_reach_zero_but_not_below(long credits, bool refused)
    {
        var decision = DecideOne(Counted(credits: credits), cost: 3);

        Assert.Equal(refused, decision is AcceptDecision.Refused { Rule: AcceptRule.Credits, RetryAfter: null });
    }

    [Fact]
    public void The_first_rule_that_fails_names_the_refusal()
    {
        var everythingExhausted = Counted(credits: 0, active: 2, today: 50);

        Assert.Equal(AcceptRule.ConcurrentJobs, RuleOf(DecideOne(everythingExhausted, queued: 50)));
        Assert.Equal(AcceptRule.DailyJobs, RuleOf(DecideOne(everythingExhausted with { Active = 0 }, queued: 50)));
        Assert.Equal(AcceptRule.LaneCapacity, RuleOf(DecideOne(everythingExhausted with { Active = 0, Today = 0 }, queued: 50)));
        Assert.Equal(AcceptRule.Credits, RuleOf(DecideOne(everythingExhausted with { Active = 0, Today = 0 })));
    }

    [Fact]
    public void A_batch_is_checked_as_if_its_requests_came_one_by_one()
    {
        var batch = new[] { Pending(cost: 4), Pending(cost: 4), Pending(cost: 1), Pending(cost: 1) };

        var decisions = Rules.Decide(batch, Counts(Counted(credits: 5, active: 0), queued: 10));

        // The first is accepted and pays; the second is refused for credits and changes nothing; the third is accepted
        // (position 12: the second took no place); the fourth finds the tier's two slots taken.
        Assert.Equal(new AcceptDecision.Accepted(11), decisions[0]);
        Assert.Equal(AcceptRule.Credits, RuleOf(decisions[1]));
        Assert.Equal(new AcceptDecision.Accepted(12), decisions[2]);
        Assert.Equal(AcceptRule.ConcurrentJobs, RuleOf(decisions[3]));
    }

    [Fact]
    public void Tallies_are_kept_per_tenant_and_per_lane()
    {
        var other = Guid.CreateVersion7();
        var batch = new[] { Pending(), Pending(tenant: other), Pending(priority: Priorities.Low), Pending(tenant: other, priority: Priorities.Low) };
        var counts = new AcceptCounts(
            new Dictionary<Guid, TenantCounts> { [TenantId] = Counted(), [other] = Counted() },
            new Dictionary<string, int> { [Priorities.Critical] = 49, [Priorities.Low] = 0 });

        var decisions = Rules.Decide(batch, counts);

        Assert.Equal(new AcceptDecision.Accepted(50), decisions[0]);
        Assert.Equal(AcceptRule.LaneCapacity, RuleOf(decisions[1]));
        Assert.Equal(new AcceptDecision.Accepted(1), decisions[2]);
        Assert.Equal(new AcceptDecision.Accepted(2), decisions[3]);
    }

    [Fact]
    public void Deciding_leaves_the_counts_read_as_they_were()
    {
        var counts = Counts(Counted(credits: 5), queued: 0);

        Rules.Decide([Pending(cost: 1)], counts);

        Assert.Equal(Counted(credits: 5), counts.Tenants[TenantId]);
        Assert.Equal(0, counts.Queued[Priorities.Critical]);
    }

    private static TenantCounts Counted(long credits = 100, int active = 0, int today = 0) => new(credits, active, today);

    private static AcceptDecision DecideOne(TenantCounts tenant, int queued = 0, int cost = 1, string tier = "free") =>
        Assert.Single(Rules.Decide([Pending(cost: cost, tier: tier)], Counts(tenant, queued)));

    private static AcceptCounts Counts(TenantCounts tenant, int queued) =>
        new(new Dictionary<Guid, TenantCounts> { [TenantId] = tenant }, new Dictionary<string, int> { [Priorities.Critical] = queued });

    private static AcceptRule? RuleOf(AcceptDecision decision) => (decision as AcceptDecision.Refused)?.Rule;

    private static PendingJob Pending(int cost = 1, string tier = "free", Guid? tenant = null, string priority = Priorities.Critical) => new(
        new Job
        {
            Id = Guid.CreateVersion7(),
            TenantId = tenant ?? TenantId,
            JobType = "report",
            Priority = priority,
            Status = JobStatuses.Queued,
            Parameters = "{}",
            Cost = cost,
            CreatedAt = Now,
        },
        tier);
}
