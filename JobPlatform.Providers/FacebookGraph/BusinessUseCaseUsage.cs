using System.Text.Json;

namespace JobPlatform.Providers.FacebookGraph;

/// <summary>
/// The <c>X-Business-Use-Case-Usage</c> header: per business object, its usage of each use case, with
/// <c>estimated_time_to_regain_access</c> in minutes once throttled.
/// </summary>
internal static class BusinessUseCaseUsage
{
    private const string Header = "X-Business-Use-Case-Usage";

    /// <summary>The longest wait any throttled use case names; null when none does, or the header is absent or unreadable.</summary>
    public static TimeSpan? RegainAccessIn(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues(Header, out var values))
        {
            return null;
        }

        try
        {
            using var usage = JsonDocument.Parse(values.First());
            var minutes = usage.RootElement.EnumerateObject()
                .Where(businessObject => businessObject.Value.ValueKind == JsonValueKind.Array)
                .SelectMany(businessObject => businessObject.Value.EnumerateArray())
                .Select(useCase => useCase.TryGetProperty("estimated_time_to_regain_access", out var wait) && wait.TryGetDouble(out var value) ? value : 0)
                .DefaultIfEmpty(0)
                .Max();
            return minutes > 0 ? TimeSpan.FromMinutes(minutes) : null;
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            return null;
        }
    }
}
