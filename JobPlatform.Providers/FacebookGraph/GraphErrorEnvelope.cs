namespace JobPlatform.Providers.FacebookGraph;

internal sealed record GraphErrorEnvelope(GraphError? Error = null);
