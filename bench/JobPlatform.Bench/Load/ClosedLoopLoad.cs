namespace JobPlatform.Bench.Load;

/// <summary>Sends <c>count</c> requests with a fixed number outstanding: how fast a system takes work when pushed.</summary>
public static class ClosedLoopLoad
{
    public static async Task RunAsync(IReadOnlyList<HttpClient> replicas, int count, int outstanding, Func<HttpRequestMessage> request)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, outstanding).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
            {
                using var message = request();
                using var response = await replicas[i % replicas.Count].SendAsync(message);
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"Request {i} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
            }
        }));
    }
}
