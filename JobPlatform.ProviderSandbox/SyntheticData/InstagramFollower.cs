using JobPlatform.ProviderSandbox.Media;

namespace JobPlatform.ProviderSandbox.SyntheticData;

/// <summary>One account of a follower list. An empty full name is a follower whose gender no name can tell.</summary>
internal sealed record InstagramFollower(string Username, string FullName, string Id, bool IsPrivate, bool IsVerified, MediaAsset ProfilePicture);
