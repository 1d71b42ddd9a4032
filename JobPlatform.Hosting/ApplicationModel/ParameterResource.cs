namespace JobPlatform.Hosting.ApplicationModel;

/// <summary>
/// A value the AppHost hands to services, like Aspire's parameters. As in Aspire, configuration supplies it
/// (<c>Parameters:{name}</c>, e.g. the environment variable <c>Parameters__apify-token</c>); otherwise it is generated
/// once and kept with the run's other secrets. A generated value is shown in the console table and on the dashboard
/// (behind its token), so that an operator can use the keys the run made; a configured one is someone's real
/// credential and is never shown.
/// </summary>
public sealed class ParameterResource(string name, bool secret, string? configuredValue) : Resource(name)
{
    public override string ResourceType => secret ? "Parameter (secret)" : "Parameter";

    public string Value { get; private set; } = "";

    /// <summary>What the console table and the dashboard show: the generated value, or nothing.</summary>
    internal string? ShownValue => configuredValue is null ? Value : null;

    internal override void Allocate(RunContext context) => Value = configuredValue ?? context.Secret(Name);

    internal override Task<IReadOnlyList<ProcessSpec>> PrepareAsync(RunContext context, int replica, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ProcessSpec>>([]);

    internal override Task<bool> IsHealthyAsync(int replica, CancellationToken cancellationToken) => Task.FromResult(true);
}
