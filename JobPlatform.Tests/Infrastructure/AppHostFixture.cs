using System.Globalization;
using JobPlatform.Hosting;
using JobPlatform.Hosting.ApplicationModel;
using JobPlatform.Testing;

namespace JobPlatform.Tests.Infrastructure;

/// <summary>One start of the whole AppHost topology (real Redis, PostgreSQL, RabbitMQ and services), shared by the suite.</summary>
public sealed class AppHostFixture : IAsyncLifetime
{
    public static readonly string[] Services = TopologyStarter.Services;

    /// <summary>The services' <c>Jobs:LeaseTimeout</c>: how long a running job's worker may go without renewing its lease.</summary>
    public static readonly TimeSpan LeaseTimeout = TimeSpan.FromSeconds(4);

    /// <summary>
    /// The tier whose request rate tests exceed (the schema knows only the four tiers; no other test uses this one).
    /// The other tiers' rates are lifted for the suite.
    /// </summary>
    public const string ThrottledTier = "standard";
    public const double ThrottledRequestsPerSecond = 0.5;
    public const int ThrottledRequestBurst = 10;

    /// <summary>
    /// Each client address's budget of API-key lookups: the product's burst and unknown-key cost, and a slower refill,
    /// so that what refills during a flood stays small beside the burst on a busy machine too.
    /// </summary>
    public const int KeyLookupsPerSecond = 2;
    public const int KeyLookupBurst = 100;
    public const int UnknownKeyCost = 10;

    private static readonly string[] LiftedTiers = ["free", "premium", "enterprise"];

    /// <summary>The tiers the schema knows; the AppHost has a demo key for each (<c>demo-key-{tier}</c>).</summary>
    public static readonly string[] Tiers = [ThrottledTier, .. LiftedTiers];

    /// <summary>
    /// What every service of the run is configured with on top of the product's configuration, as environment
    /// variables. Data, not calls, so that the API hosted in-process (<c>JobsApiFixture</c>) is configured as the
    /// topology's replicas are.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ServiceEnvironment { get; } = new Dictionary<string, string>
    {
        // The product's timings are minutes (docs/requirements.md R-003-3, R-003-7); tests shorten them, and only them.
        ["Jobs__RetryDelays__0"] = "00:00:00.200",
        ["Jobs__RetryDelays__1"] = "00:00:00.400",
        ["Jobs__RetryDelays__2"] = "00:00:00.600",
        ["Jobs__LeaseTimeout"] = LeaseTimeout.ToString(),
        ["Jobs__HeartbeatInterval"] = "00:00:00.500",
        ["Jobs__SweepInterval"] = "00:00:00.250",
        ["Jobs__RetentionInterval"] = "00:00:01",
        // A lane small enough to fill in a test.
        ["Jobs__Lanes__critical__MaxQueued"] = "3",
        // A lane whose timeout a test can exceed.
        ["Jobs__Lanes__high__Timeout"] = "00:00:01",
        // A provider outage a test causes ends within seconds, not the product's minute, and its retries are quick.
        ["Providers__Apify__Resilience__BreakDuration"] = "00:00:02",
        ["Providers__Apify__Resilience__RetryBaseDelay"] = "00:00:00.050",
        // The sandbox's runs end 0.3 s after they start: profile analyses give their slot back and check again, as they
        // do on real Apify runs of minutes.
        ["ProfileAnalytics__RunWait"] = "00:00:00",
        ["ProfileAnalytics__RunCheckInterval"] = "00:00:00.200",
    };

    /// <summary>
    /// What the API is configured with on top of <see cref="ServiceEnvironment"/>. Functional tests poll and send
    /// bursts through one key; request rates would answer some of them 429. So the other tiers and the operator key get
    /// rates no test reaches, and rate limiting is tested on a tier of its own.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ApiEnvironment { get; } = RateLimitEnvironment();

    private DistributedApplication? _app;

    public DistributedApplication App => _app ?? throw new InvalidOperationException("The topology did not start.");

    public async Task InitializeAsync() => _app = await StartAsync();

    // A topology that failed to start has already stopped what it started; its own error is the one to report.
    public async Task DisposeAsync() => await (_app?.DisposeAsync() ?? ValueTask.CompletedTask);

    public static Task<DistributedApplication> StartAsync(Func<DistributedApplicationOptions, DistributedApplicationOptions>? configure = null) =>
        TopologyStarter.StartAsync(configure, service => WithEnvironment(service, ServiceEnvironment), api => WithEnvironment(api, ApiEnvironment));

    private static Dictionary<string, string> RateLimitEnvironment()
    {
        var environment = new Dictionary<string, string>
        {
            [$"Jobs__Tiers__{ThrottledTier}__RequestsPerSecond"] = ThrottledRequestsPerSecond.ToString(CultureInfo.InvariantCulture),
            [$"Jobs__Tiers__{ThrottledTier}__RequestBurst"] = $"{ThrottledRequestBurst}",
            ["RateLimits__OperatorRequestsPerSecond"] = "10000",
            ["RateLimits__OperatorRequestBurst"] = "10000",
            ["RateLimits__KeyLookupsPerSecond"] = $"{KeyLookupsPerSecond}",
            ["RateLimits__KeyLookupBurst"] = $"{KeyLookupBurst}",
            ["RateLimits__UnknownKeyCost"] = $"{UnknownKeyCost}",
        };
        foreach (var tier in LiftedTiers)
        {
            environment[$"Jobs__Tiers__{tier}__RequestsPerSecond"] = "10000";
            environment[$"Jobs__Tiers__{tier}__RequestBurst"] = "10000";
        }

        return environment;
    }

    private static void WithEnvironment(IResourceBuilder<ProjectResource> service, IReadOnlyDictionary<string, string> environment)
    {
        foreach (var (name, value) in environment)
        {
            service.WithEnvironment(name, value);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class AppHostCollection : ICollectionFixture<AppHostFixture>
{
    // Tests that start servers share one collection: they run one after another, not side by side on 2 cores.
    public const string Name = "apphost";
}
