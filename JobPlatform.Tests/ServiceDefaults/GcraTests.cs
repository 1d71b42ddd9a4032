using JobPlatform.ServiceDefaults.RateLimiting;

namespace JobPlatform.Tests.ServiceDefaults;

public sealed class GcraTests
{
    // 2 tokens a second (one every 500 ms), bursts of 3.
    private static readonly RateLimit Limit = new(2, 3);
    private const double Second = 1_000_000;

    [Fact]
    public void A_fresh_bucket_allows_its_burst_at_once_then_refuses_until_one_interval_has_passed()
    {
        double? arrival = null;
        for (var i = 0; i < 3; i++)
        {
            (var decision, arrival) = Gcra.Charge(arrival, 0, Limit, 1, force: false);
            Assert.True(decision.Allowed, $"charge {i + 1} of the burst");
        }

        var (refused, _) = Gcra.Charge(arrival, 0, Limit, 1, force: false);

        Assert.False(refused.Allowed);
        Assert.Equal(TimeSpan.FromMilliseconds(500), refused.RetryAfter);
    }

    [Fact]
    public void The_bucket_refills_at_the_sustained_rate()
    {
        var arrival = Drain();

        var (afterOneInterval, arrivalThen) = Gcra.Charge(arrival, 0.5 * Second, Limit, 1, force: false);
        var (rightAfter, _) = Gcra.Charge(arrivalThen, 0.5 * Second, Limit, 1, force: false);

        Assert.True(afterOneInterval.Allowed);
        Assert.False(rightAfter.Allowed);
    }

    [Fact]
    public void A_refused_charge_takes_nothing()
    {
        var arrival = Drain();

        var (first, afterFirst) = Gcra.Charge(arrival, 0.1 * Second, Limit, 1, force: false);
        var (second, _) = Gcra.Charge(afterFirst, 0.1 * Second, Limit, 1, force: false);

        Assert.Equal(arrival, afterFirst);
        Assert.Equal(TimeSpan.FromMilliseconds(400), first.RetryAfter);
        Assert.Equal(first.RetryAfter, second.RetryAfter);
    }

    [Fact]
    public void A_charge_of_several_tokens_needs_them_all()
    {
        var (one, arrival) = Gcra.Charge(null, 0, Limit, 1, force: false);
        var (three, _) = Gcra.Charge(arrival, 0, Limit, 3, force: false);
        var (two, _) = Gcra.Charge(arrival, 0, Limit, 2, force: false);

        Assert.True(one.Allowed);
        Assert.False(three.Allowed);
        Assert.Equal(TimeSpan.FromMilliseconds(500), three.RetryAfter); // the one token missing
        Assert.True(two.Allowed);
    }

    [Fact]
    public void A_forced_charge_goes_into_debt_that_later_charges_wait_out()
    {
        var (penalty, arrival) = Gcra.Charge(null, 0, Limit, 5, force: true);
        var (next, _) = Gcra.Charge(arrival, 0, Limit, 1, force: false);
        var (paidOff, _) = Gcra.Charge(arrival, 1.5 * Second, Limit, 1, force: false);

        Assert.True(penalty.Allowed);
        Assert.False(next.Allowed);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), next.RetryAfter); // 2 tokens of debt, then the one wanted
        Assert.True(paidOff.Allowed);
    }

    [Fact]
    public void An_idle_bucket_holds_no_more_than_its_burst()
    {
        var arrival = Drain();

        double? later = arrival;
        for (var i = 0; i < 3; i++)
        {
            (var decision, later) = Gcra.Charge(later, 3600 * Second, Limit, 1, force: false);
            Assert.True(decision.Allowed);
        }

        Assert.False(Gcra.Charge(later, 3600 * Second, Limit, 1, force: false).Decision.Allowed);
    }

    private static double Drain()
    {
        double? arrival = null;
        for (var i = 0; i < 3; i++)
        {
            arrival = Gcra.Charge(arrival, 0, Limit, 1, force: false).Arrival;
        }

        return arrival!.Value;
    }
}
