namespace JobPlatform.Hosting.ApplicationModel;

/// <summary>
/// A value the AppHost hands to services, like Aspire's parameters. A secret one is generated once and kept with the
/// run's other secrets; the dashboard shows it (behind its token) so an operator can use it.
/// </summary>
public sealed class ParameterResource(string name, bool secret) : Resource(name)
{
    public override string ResourceType => secret ? "Parameter (secret)" : "Parameter";

    public string Value { get; private set; } = "";

    internal override void Allocate(RunContext context) => Value = context.Secret(Name);

    internal override Task<IReadOnlyList<ProcessSpec>> PrepareAsync(RunContext context, int replica, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ProcessSpec>>([]);

    internal override Task<bool> IsHealthyAsync(int replica, CancellationToken cancellationToken) => Task.FromResult(true);
}
