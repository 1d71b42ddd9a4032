namespace JobPlatform.ProviderSandbox.FacebookGraph;

/// <summary>The Graph API's error object (error-handling guide): code and subcode classify it, fbtrace_id identifies it.</summary>
internal sealed record GraphError(string Message, string Type, int Code, int? ErrorSubcode, bool? IsTransient, string FbtraceId);
