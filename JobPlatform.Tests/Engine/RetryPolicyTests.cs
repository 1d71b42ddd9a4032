using JobPlatform.Engine.Jobs;

namespace JobPlatform.Tests.Engine;

/// <summary>Attempts and retry delays, decided in one place: the default policy is 60 s, 120 s, 300 s, then dead letter.</summary>
public sealed class RetryPolicyTests
{
    private static readonly RetryPolicy Default = new(JobEngineOptions.DefaultRetryDelays);

    [Fact]
    public void A_job_gets_one_attempt_more_than_there_are_delays() => Assert.Equal(4, Default.MaxAttempts);

    [Theory]
    [InlineData(1, 60)]
    [InlineData(2, 120)]
    [InlineData(3, 300)]
    [InlineData(7, 300)] // a redriven job's later attempts wait the last delay
    public void Each_failed_attempt_waits_its_delay(int failedAttempt, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), Default.DelayAfter(failedAttempt));

    [Fact]
    public void Without_delays_a_job_gets_one_attempt_and_nothing_waits()
    {
        var once = new RetryPolicy([]);

        Assert.Equal(1, once.MaxAttempts);
        Assert.Equal(TimeSpan.Zero, once.DelayAfter(1));
    }
}
