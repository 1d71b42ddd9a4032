namespace JobPlatform.Providers.FacebookGraph;

/// <summary>A video's playable file.</summary>
/// <param name="Source">
/// A signed CDN URL that expires within days: download (re-host) it at once, keep the video id, not the URL. Absent when
/// the token may not read the file: the video is unavailable, which need not fail the job.
/// </param>
/// <param name="Length">Seconds.</param>
/// <param name="Picture">A thumbnail's URL.</param>
public sealed record VideoSource(string Id, string? Source = null, double? Length = null, string? Picture = null, string? Title = null);
