namespace JobPlatform.ProviderSandbox.Control;

/// <summary>
/// The credentials the sandbox accepts: the configuration keys the workers read theirs from, so the same values
/// (the AppHost's parameters) reach both. A key left unconfigured (a bare <c>dotnet run</c>) takes its development
/// default, documented in the README; only that fact is logged, never a value.
/// </summary>
internal sealed partial record ProviderCredentials(string ApifyToken, string GraphAccessToken, string OpenAIApiKey, string MediaAccessKey, string MediaSecretKey)
{
    public static ProviderCredentials From(IConfiguration configuration, ILogger<ProviderCredentials> logger)
    {
        string Read(string key, string developmentDefault)
        {
            var value = configuration[key];
            if (!string.IsNullOrEmpty(value))
            {
                return value;
            }

            LogDevelopmentDefault(logger, key);
            return developmentDefault;
        }

        return new ProviderCredentials(
            Read("Providers:Apify:Token", "sandbox-apify-token"),
            Read("Providers:FacebookGraph:AccessToken", "sandbox-facebook-access-token"),
            Read("Providers:OpenAI:ApiKey", "sk-sandbox-openai-key"),
            Read("Providers:Media:AccessKey", "SANDBOXACCESSKEY"),
            Read("Providers:Media:SecretKey", "sandbox-secret-key"));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Key} is not configured: the sandbox accepts its development default (README).")]
    private static partial void LogDevelopmentDefault(ILogger logger, string key);
}
