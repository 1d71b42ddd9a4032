using System.Globalization;
using System.Net;
using JobPlatform.Providers.Http;

namespace JobPlatform.Providers.OpenAI;

/// <summary>
/// OpenAI's statuses, with two refinements: a 429 for an exhausted quota is permanent (only billing ends it), and 409
/// (a lock on the resource) is retried, as OpenAI's own client does. Waits come from <c>retry-after-ms</c>, then
/// <c>Retry-After</c>.
/// </summary>
internal sealed class OpenAIFaults : IFaultClassifier
{
    public static readonly OpenAIFaults Instance = new();

    private static readonly HashSet<string> QuotaCodes =
    [
        "insufficient_quota", "credit_balance_exhausted", "organization_spend_limit_exceeded", "project_spend_limit_exceeded",
        "organization_usage_limit_exceeded",
    ];

    public async ValueTask<ProviderFault?> ClassifyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return null;
        }

        var error = (await ErrorBody.ReadAsync<OpenAIErrorEnvelope>(response, cancellationToken))?.Error;
        var kind = response.StatusCode switch
        {
            HttpStatusCode.TooManyRequests when error is not null && (QuotaCodes.Contains(error.Code ?? "") || QuotaCodes.Contains(error.Type ?? "")) =>
                FaultKind.Permanent,
            HttpStatusCode.Conflict => FaultKind.Transient,
            var status => StatusFaults.KindOf(status),
        };
        return new ProviderFault(kind, response.StatusCode, error?.Code ?? error?.Type, error?.Message, RetryAfterMilliseconds(response) ?? RetryAfterHeader.Read(response));
    }

    private static TimeSpan? RetryAfterMilliseconds(HttpResponseMessage response) =>
        response.Headers.TryGetValues("retry-after-ms", out var values)
        && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var milliseconds) && milliseconds >= 0
            ? TimeSpan.FromMilliseconds(milliseconds)
            : null;
}
