namespace JobPlatform.Providers.FacebookGraph;

/// <summary>One page of an edge: <c>{"data": [...], "paging": {"cursors": {...}, "next": "..."}}</c>. No <c>next</c>: the last page.</summary>
internal sealed record GraphPage<T>(IReadOnlyList<T> Data, GraphPaging? Paging = null);
