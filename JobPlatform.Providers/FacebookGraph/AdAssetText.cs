namespace JobPlatform.Providers.FacebookGraph;

public sealed record AdAssetText(string? Text = null);
