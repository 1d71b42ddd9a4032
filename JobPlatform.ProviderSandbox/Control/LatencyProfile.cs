namespace JobPlatform.ProviderSandbox.Control;

/// <summary>
/// How long the imitated providers take. Fast: an actor run ends 0.3 s after it starts, OpenAI answers at once (tests,
/// development). Realistic: the real providers' durations (profile runs 60-120 s, transcriptions 5-20 s, ...), the
/// same for the same input.
/// </summary>
internal enum LatencyProfile
{
    Fast,
    Realistic,
}
