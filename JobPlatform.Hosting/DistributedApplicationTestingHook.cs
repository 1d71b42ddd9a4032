namespace JobPlatform.Hosting;

/// <summary>
/// Lets <see cref="Testing.DistributedApplicationTestingBuilder"/> run an AppHost's real entry point with test options
/// and take its builder at <c>Build()</c>, the way Aspire.Hosting.Testing intercepts an AppHost.
/// </summary>
internal static class DistributedApplicationTestingHook
{
    private static readonly AsyncLocal<Interception?> Current = new();

    public static DistributedApplicationOptions? Options => Current.Value?.Options;

    public static void Intercept(DistributedApplicationOptions options) => Current.Value = new Interception(options);

    public static DistributedApplicationBuilder? Captured => Current.Value?.Builder;

    public static void Clear() => Current.Value = null;

    /// <summary>Called by <c>Build()</c>: under a test, hand the builder over and stop the entry point there.</summary>
    public static void OnBuilding(DistributedApplicationBuilder builder)
    {
        if (Current.Value is { Builder: null } interception)
        {
            interception.Builder = builder;
            throw new EntryPointStopped();
        }
    }

    internal sealed class Interception(DistributedApplicationOptions options)
    {
        public DistributedApplicationOptions Options { get; } = options;

        public DistributedApplicationBuilder? Builder { get; set; }
    }

    internal sealed class EntryPointStopped : Exception;
}
