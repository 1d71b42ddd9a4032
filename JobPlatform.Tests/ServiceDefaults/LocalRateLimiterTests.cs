using JobPlatform.ServiceDefaults.RateLimiting;

namespace JobPlatform.Tests.ServiceDefaults;

public sealed class LocalRateLimiterTests
{
    private static readonly RateLimit OnePerSecond = new(1, 2);

    [Fact]
    public void Buckets_are_counted_apart_and_refill_on_the_clock()
    {
        var clock = new ManualClock();
        var limiter = new LocalRateLimiter(clock);

        Assert.True(limiter.Charge("a", OnePerSecond, 2, force: false).Allowed);
        Assert.False(limiter.Charge("a", OnePerSecond, 1, force: false).Allowed);
        Assert.True(limiter.Charge("b", OnePerSecond, 2, force: false).Allowed);

        clock.Advance(TimeSpan.FromSeconds(1));

        Assert.True(limiter.Charge("a", OnePerSecond, 1, force: false).Allowed);
        Assert.False(limiter.Charge("a", OnePerSecond, 1, force: false).Allowed);
    }

    private sealed class ManualClock : TimeProvider
    {
        private long ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => ticks;

        public void Advance(TimeSpan by) => ticks += by.Ticks;
    }
}
