namespace JobPlatform.ProviderSandbox.SyntheticData;

/// <summary>
/// Given names by gender and family names of one language, in Latin script: follower lists are read by a gender
/// detection on full names, so the given name is the (deliberate) hint of a synthetic person's gender.
/// </summary>
internal sealed record PersonNames(IReadOnlyList<string> Female, IReadOnlyList<string> Male, IReadOnlyList<string> Family);
