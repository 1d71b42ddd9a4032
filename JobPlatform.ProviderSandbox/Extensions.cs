namespace JobPlatform.ProviderSandbox;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
    }

    public static void MapProviderApis(this WebApplication app)
    {
    }
}
