namespace JobPlatform.Providers.Http;

/// <summary>How one provider says "failed", "slow down" and "never again": its statuses, headers and error bodies.</summary>
internal interface IFaultClassifier
{
    /// <summary>Null for a successful answer; otherwise what its failure means. May buffer the error body, which stays readable.</summary>
    ValueTask<ProviderFault?> ClassifyAsync(HttpResponseMessage response, CancellationToken cancellationToken);
}
