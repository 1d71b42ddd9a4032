namespace JobPlatform.ServiceDefaults.Telemetry;

/// <summary>
/// Sources and meters .NET 10 and our client libraries emit on their own: they stand in for the
/// OpenTelemetry.Instrumentation.* packages, which the registry here does not serve.
/// </summary>
internal static class BuiltInTelemetry
{
    public static readonly string[] ActivitySources =
        ["Microsoft.AspNetCore", "System.Net.Http", "Npgsql", "RabbitMQ.Client.Publisher", "RabbitMQ.Client.Subscriber"];

    public static readonly string[] Meters =
    [
        "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Routing",
        "System.Net.Http", "System.Runtime", "Npgsql", "Microsoft.EntityFrameworkCore",
    ];
}
