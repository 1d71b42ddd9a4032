using Microsoft.Extensions.Configuration;

namespace JobPlatform.ServiceDefaults.Clients;

/// <summary>
/// Settings shared by the client registrations, read like the Aspire client packages read theirs:
/// the section <c>Aspire:{Client}</c>, then <c>ConnectionStrings:{name}</c> over its ConnectionString.
/// </summary>
public record ClientSettings
{
    public string? ConnectionString { get; set; }

    public bool DisableHealthChecks { get; set; }

    internal static TSettings Read<TSettings>(IConfiguration configuration, string sectionName, string connectionName, Action<TSettings>? configure)
        where TSettings : ClientSettings, new()
    {
        var settings = new TSettings();
        configuration.GetSection(sectionName).Bind(settings);
        if (configuration.GetConnectionString(connectionName) is { Length: > 0 } connectionString)
        {
            settings.ConnectionString = connectionString;
        }

        configure?.Invoke(settings);
        if (string.IsNullOrWhiteSpace(settings.ConnectionString))
        {
            throw new InvalidOperationException(
                $"The connection string for '{connectionName}' is missing. It should be provided in 'ConnectionStrings:{connectionName}' " +
                $"(environment variable ConnectionStrings__{connectionName}) or under the 'ConnectionString' key in the '{sectionName}' configuration section.");
        }

        return settings;
    }
}
