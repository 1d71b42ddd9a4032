using System.Collections.Concurrent;
using System.Diagnostics;

namespace JobPlatform.Bench.Load;

/// <summary>
/// Sends requests on a fixed schedule whatever the responses do (open loop), spread over the API replicas as a load
/// balancer would, and measures each from its intended send time: a stalled server shows as latency, not as a lower
/// rate (no coordinated omission).
/// </summary>
public sealed class OpenLoopLoad(IReadOnlyList<HttpClient> replicas)
{
    public async Task<LatencySummary> RunAsync(double perSecond, TimeSpan duration, Func<int, HttpRequestMessage> request, Func<HttpResponseMessage, bool> succeeded)
    {
        var total = (int)(perSecond * duration.TotalSeconds);
        var latencies = new ConcurrentBag<double>();
        var errors = new ConcurrentDictionary<string, int>();
        var sends = new Task[total];
        var start = Stopwatch.GetTimestamp();

        // A dedicated thread keeps the schedule: at each wake-up it sends every request that is due.
        var scheduler = new Thread(() =>
        {
            for (var i = 0; i < total; i++)
            {
                var intended = start + (long)(i * Stopwatch.Frequency / perSecond);
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), intended);
                if (wait > TimeSpan.FromMilliseconds(1))
                {
                    Thread.Sleep(wait);
                }

                sends[i] = SendAsync(replicas[i % replicas.Count], request(i), intended, succeeded, latencies, errors);
            }
        }) { IsBackground = true, Priority = ThreadPriority.AboveNormal };
        scheduler.Start();
        scheduler.Join();
        await Task.WhenAll(sends);
        return LatencySummary.From(perSecond, Stopwatch.GetElapsedTime(start), latencies.ToList(), errors);
    }

    private static async Task SendAsync(HttpClient http, HttpRequestMessage request, long intended, Func<HttpResponseMessage, bool> succeeded,
        ConcurrentBag<double> latencies, ConcurrentDictionary<string, int> errors)
    {
        try
        {
            using var response = await http.SendAsync(request);
            await response.Content.LoadIntoBufferAsync();
            if (succeeded(response))
            {
                latencies.Add(Stopwatch.GetElapsedTime(intended).TotalMilliseconds);
            }
            else
            {
                errors.AddOrUpdate($"HTTP {(int)response.StatusCode}", 1, (_, n) => n + 1);
            }
        }
        catch (Exception exception)
        {
            errors.AddOrUpdate(exception.GetType().Name, 1, (_, n) => n + 1);
        }
        finally
        {
            request.Dispose();
        }
    }
}
