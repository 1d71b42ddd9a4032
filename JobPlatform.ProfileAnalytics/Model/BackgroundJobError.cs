namespace JobPlatform.ProfileAnalytics.Model;

/// <summary>R-000-1 (additive): the engine refused the analysis job (402 credits, 429 tier limits, 503 lane full).</summary>
public sealed record BackgroundJobError(int StatusCode, string Detail);
