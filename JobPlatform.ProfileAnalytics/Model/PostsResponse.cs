namespace JobPlatform.ProfileAnalytics.Model;

/// <summary>The body of <c>GET /api/v1/instagram/posts/{username}</c>: the stored posts, newest first.</summary>
public sealed record PostsResponse(bool Success, string Username, IReadOnlyList<PostResponse> Posts);
