namespace JobPlatform.ProviderSandbox.Control;

/// <summary>The providers the sandbox imitates and their operations: the names of the control API.</summary>
internal static class ProviderCatalog
{
    public const string Apify = "apify";
    public const string Graph = "graph";
    public const string OpenAI = "openai";
    public const string Cdn = "cdn";
    public const string S3 = "s3";

    /// <summary>Not a request: the outcome of the next Apify run (<see cref="FaultKind.RunOutcome"/>).</summary>
    public const string RunOutcome = "run-outcome";

    public static readonly IReadOnlyDictionary<string, string[]> Operations = new Dictionary<string, string[]>
    {
        [Apify] = ["runs", "run", "abort", "dataset"],
        [Graph] = ["adaccounts", "ads", "creative", "insights", "video"],
        [OpenAI] = ["transcriptions", "chat"],
        [Cdn] = ["get"],
        [S3] = ["put", "head", "get"],
    };

    public static bool IsOperation(string provider, string operation) =>
        Operations.TryGetValue(provider, out var operations) && operations.Contains(operation);
}
