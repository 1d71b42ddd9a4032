namespace JobPlatform.Providers.Apify;

/// <summary>Apify's envelope of every answer but dataset items: <c>{"data": ...}</c>.</summary>
internal sealed record ApifyData<T>(T Data);
