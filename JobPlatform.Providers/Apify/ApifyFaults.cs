using JobPlatform.Providers.Http;

namespace JobPlatform.Providers.Apify;

/// <summary>
/// Apify fails by HTTP status, naming the error in its body's <c>type</c>. Its docs never mention Retry-After on a 429;
/// one that comes is honoured, and otherwise the backoff applies.
/// </summary>
internal sealed class ApifyFaults : IFaultClassifier
{
    public static readonly ApifyFaults Instance = new();

    public async ValueTask<ProviderFault?> ClassifyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return null;
        }

        var error = (await ErrorBody.ReadAsync<ApifyErrorEnvelope>(response, cancellationToken))?.Error;
        return new ProviderFault(StatusFaults.KindOf(response.StatusCode), response.StatusCode, error?.Type, error?.Message, RetryAfterHeader.Read(response));
    }
}
