namespace JobPlatform.Providers.FacebookGraph;

internal sealed record GraphPaging(GraphCursors? Cursors = null, string? Next = null);
