namespace JobPlatform.ProviderSandbox.FacebookGraph;

/// <summary>The Graph API's error envelope: <c>{"error": {...}}</c>.</summary>
internal sealed record GraphErrorBody(GraphError Error);
