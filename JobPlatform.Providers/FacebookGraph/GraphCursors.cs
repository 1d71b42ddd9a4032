namespace JobPlatform.Providers.FacebookGraph;

internal sealed record GraphCursors(string? Before = null, string? After = null);
