using System.Globalization;
using JobPlatform.Providers.Http;

namespace JobPlatform.Providers.FacebookGraph;

/// <summary>
/// The Graph API says what failed in its error's code, not its status: rate limits arrive as HTTP 400 with codes 4
/// (app), 17 (user), 32 (page), 613 (custom, per ad account) or 80000-80014 (business use cases). Codes 1 and 2, and
/// errors marked <c>is_transient</c>, are its temporary failures; a code it does not list is read by status.
/// </summary>
internal sealed class GraphFaults : IFaultClassifier
{
    public static readonly GraphFaults Instance = new();

    public async ValueTask<ProviderFault?> ClassifyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return null;
        }

        var error = (await ErrorBody.ReadAsync<GraphErrorEnvelope>(response, cancellationToken))?.Error;
        var kind = error switch
        {
            { Code: 4 or 17 or 32 or 613 or (>= 80000 and <= 80014) } => FaultKind.RateLimited,
            { Code: 1 or 2 } or { IsTransient: true } => FaultKind.Transient,
            _ => StatusFaults.KindOf(response.StatusCode),
        };
        var retryAfter = kind == FaultKind.RateLimited
            ? BusinessUseCaseUsage.RegainAccessIn(response) ?? RetryAfterHeader.Read(response)
            : RetryAfterHeader.Read(response);
        var code = error?.Code is not { } number ? null
            : error.ErrorSubcode is { } subcode ? string.Create(CultureInfo.InvariantCulture, $"{number}/{subcode}")
            : number.ToString(CultureInfo.InvariantCulture);
        return new ProviderFault(kind, response.StatusCode, code, error?.Message, retryAfter);
    }
}
