namespace JobPlatform.ContentAnalysis.Jobs;

/// <summary>A text a client asks to analyse, under an id of the client's own.</summary>
public sealed record ClientPost(string Id, string Text);
