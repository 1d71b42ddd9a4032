using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using JobPlatform.ContentAnalysis;
using JobPlatform.Providers;
using JobPlatform.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit.Abstractions;
using Sandbox = JobPlatform.Tests.Providers.ProviderSandbox;

namespace JobPlatform.Tests.ContentAnalysis;

/// <summary>
/// The AI workers' throughput against docs/requirements.md R-003-15's 1,200 posts an hour (the figures in
/// docs/benchmarks.md come from this class's output): a 500-post <c>content_analysis</c> job through the topology's
/// AI worker (posts/s and the worker's peak RSS, as its /health reports it), and the latency of a batch of 5 for each
/// engine, in a host built as the AI worker's, one batch after another as a job runs them.
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class ThroughputEvaluationTests(AppHostFixture fixture, ITestOutputHelper output)
{
    /// <summary>R-003-15: 1,200 posts an hour.</summary>
    private const double SeedPostsPerSecond = 1200 / 3600.0;

    private const int Batches = 40;

    private static readonly IReadOnlyList<string> Texts =
        [.. LabelledSentence.Read(new ContentDataFiles(new ContentAnalysisOptions().DataDirectory).LabelledSentences("amazon")).Select(sentence => sentence.Text)];

    [Fact]
    public async Task A_500_post_job_on_one_ai_worker_beats_the_seeds_1200_posts_an_hour()
    {
        var user = await Tenants.CreateUserAsync(fixture.App);

        var accepted = await user.Http.PostAsJsonAsync("/api/v1/jobs", new
        {
            job_type = "content_analysis",
            parameters = new { posts = Texts.Take(500).Select((text, n) => new { id = $"p{n}", text }) },
        });
        var jobId = (await Tenants.ReadAsync(accepted)).GetProperty("job_id").GetGuid();
        var done = await user.Http.WaitForStatusAsync(jobId, "completed", TimeSpan.FromMinutes(3));

        var seconds = (done.GetProperty("completed_at").GetDateTimeOffset() - done.GetProperty("started_at").GetDateTimeOffset()).TotalSeconds;
        var postsPerSecond = 500 / seconds;
        using var worker = fixture.App.CreateHttpClient("ai-workers");
        var health = await worker.GetFromJsonAsync<JsonElement>("/health");
        output.WriteLine($"content_analysis, 500 posts, local engine, one AI worker: {seconds:F1} s, {postsPerSecond:F1} posts/s ({postsPerSecond * 3600:F0} posts/hour; seed: 1,200)");
        output.WriteLine($"AI worker memory: {health.GetProperty("entries").GetProperty("content-analysis").GetProperty("description").GetString()}");

        Assert.True(postsPerSecond > SeedPostsPerSecond, $"{postsPerSecond:F2} posts/s is under the seed's {SeedPostsPerSecond:F2}");
    }

    [Theory]
    [InlineData("local")]
    [InlineData("llm")]
    public async Task Latency_of_a_batch_of_five(string engine)
    {
        using var host = await StartAsync(engine);
        var analyzer = host.Services.GetRequiredService<IPostAnalyzer>();
        var latencies = new List<double>();
        var produced = new Dictionary<string, int>();
        var total = Stopwatch.StartNew();
        for (var batch = 0; batch < Batches; batch++)
        {
            PostText[] posts = [.. Texts.Skip(500 + batch * 5).Take(5).Select((text, n) => new PostText($"b{batch}-{n}", text, []))];
            var started = Stopwatch.GetTimestamp();
            foreach (var analysis in await analyzer.AnalyzeAsync(posts, CancellationToken.None))
            {
                produced[analysis.Engine] = produced.GetValueOrDefault(analysis.Engine) + 1;
            }

            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        latencies.Sort();
        var postsPerSecond = Batches * 5 / total.Elapsed.TotalSeconds;
        output.WriteLine($"{engine} engine, {Batches} batches of 5 in sequence: {postsPerSecond:F1} posts/s; batch latency p50 {Percentile(latencies, 0.5):F1} ms, " +
            $"p95 {Percentile(latencies, 0.95):F1} ms, max {latencies[^1]:F1} ms; answered by {string.Join(", ", produced.Select(pair => $"{pair.Key} {pair.Value}"))}");

        Assert.Equal(Batches * 5, produced.GetValueOrDefault(engine));
        Assert.True(postsPerSecond > SeedPostsPerSecond, $"{postsPerSecond:F2} posts/s is under the seed's {SeedPostsPerSecond:F2}");
    }

    private async Task<IHost> StartAsync(string engine)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Production });
        var configuration = new Sandbox(fixture.App).Configuration();
        configuration["ContentAnalysis:Engine"] = engine;
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.AddServiceDefaults();
        builder.AddProviders();
        builder.AddContentAnalysis();
        var host = builder.Build();
        await host.StartAsync();
        // The models load once per process, before the first batch (the warm-up); that load is not a batch's latency.
        await host.Services.GetRequiredService<IPostAnalyzer>().AnalyzeAsync([new("warm", "warm up", [])], CancellationToken.None);
        return host;
    }

    private static double Percentile(List<double> sorted, double fraction) => sorted[(int)Math.Min(sorted.Count - 1, Math.Ceiling(fraction * sorted.Count) - 1)];
}
