namespace JobPlatform.Bench.Load;

/// <summary>Sends <c>count</c> requests with a fixed number outstanding: how fast a system takes work when pushed.</summary>
public static class ClosedLoopLoad
{
    public static Task RunAsync(IReadOnlyList<HttpClient> replicas, int count, int outstanding, Func<HttpRequestMessage> request) =>
        RunAsync(replicas, count, outstanding, _ => request(), response => response.IsSuccessStatusCode);

    /// <summary>
    /// Request <c>i</c> is <paramref name="request"/>(i); an answer <paramref name="accepted"/> refuses stops the run
    /// with an exception, since a harness that lost work would measure the wrong thing.
    /// </summary>
    public static async Task RunAsync(IReadOnlyList<HttpClient> replicas, int count, int outstanding, Func<int, HttpRequestMessage> request,
        Func<HttpResponseMessage, bool> accepted)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, outstanding).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
            {
                using var message = request(i);
                using var response = await replicas[i % replicas.Count].SendAsync(message);
                if (!accepted(response))
                {
                    throw new InvalidOperationException($"Request {i} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
            }
        }));
    }
}
