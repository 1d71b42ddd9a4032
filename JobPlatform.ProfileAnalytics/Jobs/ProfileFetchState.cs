using JobPlatform.Providers.Apify;

namespace JobPlatform.ProfileAnalytics.Jobs;

/// <summary>What a <c>profile_analysis</c> job snoozes with while its Apify run goes on: the run to check again.</summary>
public sealed record ProfileFetchState(ApifyStartedRun Run);
