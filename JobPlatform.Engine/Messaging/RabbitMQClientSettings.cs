namespace JobPlatform.Engine.Messaging;

/// <summary>
/// Aspire.RabbitMQ.Client's settings that this registration honours, read from the <c>Aspire:RabbitMQ:Client</c>
/// section, with <c>ConnectionStrings:{name}</c> over its <see cref="ConnectionString"/>.
/// </summary>
public sealed record RabbitMQClientSettings
{
    public string? ConnectionString { get; set; }

    public bool DisableHealthChecks { get; set; }
}
