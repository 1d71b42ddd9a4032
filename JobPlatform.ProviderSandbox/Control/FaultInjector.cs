namespace JobPlatform.ProviderSandbox.Control;

/// <summary>
/// The pending faults, oldest first: a request takes the oldest fault that matches its provider and operation, and
/// each fault serves its count of requests. Per process: faults are a test's instrument, not data.
/// </summary>
internal sealed class FaultInjector
{
    private readonly Lock _lock = new();
    private readonly List<(Fault Fault, int Remaining)> _pending = [];
    private long _lastId;

    public Fault Add(Fault fault)
    {
        lock (_lock)
        {
            var added = fault with { Id = ++_lastId };
            _pending.Add((added, added.Count));
            return added;
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _pending.Clear();
        }
    }

    public IReadOnlyList<(Fault Fault, int Remaining)> Pending()
    {
        lock (_lock)
        {
            return [.. _pending];
        }
    }

    /// <summary>The fault this request gets, if any: one of the request's provider, for its operation or for any.</summary>
    public Fault? TakeFor(string provider, string operation) =>
        Take(fault => fault.Kind != FaultKind.RunOutcome && fault.Provider == provider && (fault.Operation is null || fault.Operation == operation));

    /// <summary>The status word the next Apify run must end with, if a run-outcome fault is pending.</summary>
    public string? TakeRunOutcome() => Take(fault => fault.Kind == FaultKind.RunOutcome)?.StatusWord;

    private Fault? Take(Func<Fault, bool> matches)
    {
        lock (_lock)
        {
            var position = _pending.FindIndex(pending => matches(pending.Fault));
            if (position < 0)
            {
                return null;
            }

            var (fault, remaining) = _pending[position];
            if (remaining == 1)
            {
                _pending.RemoveAt(position);
            }
            else
            {
                _pending[position] = (fault, remaining - 1);
            }

            return fault;
        }
    }
}
