using System.Collections.Concurrent;
using JobPlatform.Engine.Execution;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace JobPlatform.Tests.Engine;

/// <summary>
/// When a running attempt must stop because it cannot prove its lease, on a fake clock. The keeper's continuations run
/// on the test's thread, between clock steps of a millisecond: each step, it does all that is due by then, in order.
/// </summary>
public sealed class LeaseKeeperTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan LeaseTimeout = TimeSpan.FromSeconds(16);
    private static readonly TimeSpan GivenUpAt = TimeSpan.FromSeconds(12); // three quarters of the lease
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(1);

    private readonly FakeTimeProvider _time = new();
    private readonly StepContext _steps = new();
    private readonly List<TimeSpan> _renewalsSent = [];
    private readonly long _claimSent;

    public LeaseKeeperTests() => _claimSent = _time.GetTimestamp();

    [Fact]
    public async Task Renewals_every_interval_keep_the_lease_for_as_long_as_the_attempt_runs()
    {
        using var attemptEnded = new CancellationTokenSource();
        var keeping = Keep(_ => Task.FromResult(LeaseRenewal.Renewed), attemptEnded.Token);

        Advance(LeaseTimeout * 4);

        Assert.False(keeping.IsCompleted);
        Assert.Equal(Enumerable.Range(1, 32).Select(n => Interval * n), _renewalsSent);
        attemptEnded.Cancel();
        _steps.RunPosted();
        Assert.Equal(LeaseEnd.AttemptEnded, await Ended(keeping));
    }

    [Fact]
    public async Task Failing_renewals_are_retried_and_the_attempt_is_given_up_three_quarters_into_the_lease()
    {
        var keeping = Keep(_ => Task.FromException<LeaseRenewal>(new InvalidOperationException("database unreachable")), CancellationToken.None);

        Advance(GivenUpAt - Tick);
        Assert.False(keeping.IsCompleted);
        Advance(Tick);

        Assert.Equal(LeaseEnd.Unconfirmed, await Ended(keeping));
        Assert.Equal(new[] { 2, 4, 6, 8, 10 }.Select(s => TimeSpan.FromSeconds(s)), _renewalsSent);
    }

    [Fact]
    public async Task A_renewal_that_hangs_is_cut_short_and_does_not_delay_giving_up()
    {
        var renewalToken = CancellationToken.None;
        var keeping = Keep(token =>
        {
            renewalToken = token;
            return new TaskCompletionSource<LeaseRenewal>().Task; // ignores its token, never answers
        }, CancellationToken.None);

        Advance(GivenUpAt - Tick);
        Assert.False(keeping.IsCompleted);
        Advance(Tick);

        Assert.Equal(LeaseEnd.Unconfirmed, await Ended(keeping));
        Assert.Equal(new[] { Interval }, _renewalsSent);
        Assert.True(renewalToken.IsCancellationRequested);
    }

    [Fact]
    public async Task A_successful_renewal_among_failures_counts_the_lease_from_when_it_was_sent()
    {
        // The second renewal succeeds, after a second on the wire: the database stamped it somewhere in that second.
        var keeping = Keep(async token =>
        {
            if (_renewalsSent.Count != 2)
            {
                throw new InvalidOperationException("database unreachable");
            }

            await Task.Delay(TimeSpan.FromSeconds(1), _time, token);
            return LeaseRenewal.Renewed;
        }, CancellationToken.None);

        var secondSent = Interval * 2;
        Advance(secondSent + GivenUpAt - Tick);
        Assert.False(keeping.IsCompleted);
        Advance(Tick);

        Assert.Equal(LeaseEnd.Unconfirmed, await Ended(keeping));
        Assert.Equal(new[] { 2, 4, 7, 9, 11, 13, 15 }.Select(s => TimeSpan.FromSeconds(s)), _renewalsSent);
    }

    [Fact]
    public async Task The_lease_is_counted_from_when_the_claim_was_sent_not_from_when_keeping_starts()
    {
        var slowClaim = TimeSpan.FromSeconds(11);
        Advance(slowClaim);
        var keeping = Keep(_ => Task.FromResult(LeaseRenewal.Renewed), CancellationToken.None);

        Advance(GivenUpAt - slowClaim);

        Assert.Equal(LeaseEnd.Unconfirmed, await Ended(keeping)); // one second left: not enough for the first renewal's wait
        Assert.Empty(_renewalsSent);
    }

    [Theory]
    [InlineData(LeaseRenewal.Lost, LeaseEnd.Lost)]
    [InlineData(LeaseRenewal.CancelRequested, LeaseEnd.CancelRequested)]
    public async Task A_renewal_that_finds_the_lease_lost_or_a_cancellation_asked_ends_the_keeping_at_once(LeaseRenewal found, LeaseEnd expected)
    {
        var keeping = Keep(_ => Task.FromResult(found), CancellationToken.None);

        Advance(Interval);

        Assert.Equal(expected, await Ended(keeping));
        Assert.Equal(new[] { Interval }, _renewalsSent);
    }

    private Task<LeaseEnd> Keep(Func<CancellationToken, Task<LeaseRenewal>> renew, CancellationToken attemptEnded)
    {
        var keeper = new LeaseKeeper(new JobLease(Guid.NewGuid(), "worker/1/attempt"), token =>
        {
            _renewalsSent.Add(_time.GetElapsedTime(_claimSent));
            return renew(token);
        }, Interval, LeaseTimeout, _time, NullLogger.Instance);
        return _steps.Run(() => keeper.KeepAsync(_claimSent, attemptEnded));
    }

    private void Advance(TimeSpan span)
    {
        for (var elapsed = TimeSpan.Zero; elapsed < span; elapsed += Tick)
        {
            _time.Advance(Tick);
            _steps.RunPosted();
        }
    }

    private static Task<LeaseEnd> Ended(Task<LeaseEnd> keeping)
    {
        Assert.True(keeping.IsCompleted, "the keeping goes on");
        return keeping;
    }

    /// <summary>Holds the continuations posted to it until the test runs them, on its own thread.</summary>
    private sealed class StepContext : SynchronizationContext
    {
        private readonly ConcurrentQueue<(SendOrPostCallback Callback, object? State)> _posted = new();

        public override void Post(SendOrPostCallback d, object? state) => _posted.Enqueue((d, state));

        public T Run<T>(Func<T> start)
        {
            var previous = Current;
            SetSynchronizationContext(this);
            try
            {
                return start();
            }
            finally
            {
                SetSynchronizationContext(previous);
            }
        }

        public void RunPosted() => Run(() =>
        {
            while (_posted.TryDequeue(out var work))
            {
                work.Callback(work.State);
            }

            return true;
        });
    }
}
