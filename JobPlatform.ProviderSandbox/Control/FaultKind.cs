namespace JobPlatform.ProviderSandbox.Control;

/// <summary>What an injected fault does to the request it takes (or, for a run outcome, to the run it starts).</summary>
internal enum FaultKind
{
    /// <summary>An error status with the provider's own error body.</summary>
    Status,

    /// <summary>No answer: the request hangs, then the connection is dropped.</summary>
    Timeout,

    /// <summary>A 200 whose body is cut in half.</summary>
    Malformed,

    /// <summary>A delay, then the normal answer.</summary>
    Latency,

    /// <summary>The next Apify run ends with the fault's status word instead of SUCCEEDED.</summary>
    RunOutcome,
}
