using JobPlatform.ContentAnalysis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace JobPlatform.Tests.ContentAnalysis;

[Collection(ContentAnalysisCollection.Name)]
public sealed class PostAnalyzerTests(ContentAnalysisFixture fixture)
{
    [Fact]
    public async Task A_batch_of_five_comes_back_in_order_with_three_analyses_each()
    {
        PostText[] batch =
        [
            new("a", "Homemade pizza night, so delicious!", ["foodie"]),
            new("b", "Hoy entrené piernas en el gimnasio", ["fitness"]),
            new("c", null, []),
            new("d", "Worst flight ever, lost my luggage 😡", ["travel"]),
            new("e", "Meet our new puppy 🐶", ["dogsofinstagram"]),
        ];

        var analyses = await fixture.Analyzer.AnalyzeAsync(batch, CancellationToken.None);

        Assert.Equal(["a", "b", "c", "d", "e"], analyses.Select(analysis => analysis.PostId));
        Assert.All(analyses, analysis => Assert.Equal("local", analysis.Engine));
        Assert.Equal(("en", "positive", "food"), (analyses[0].Language.Code, analyses[0].Sentiment.Label, analyses[0].Category.Label));
        Assert.Equal("es", analyses[1].Language.Code);
        Assert.Equal(new LanguageGuess("und", 0), analyses[2].Language);
        Assert.Equal("neutral", analyses[2].Sentiment.Label);
        Assert.Equal("other", analyses[2].Category.Label);
        Assert.Equal("negative", analyses[3].Sentiment.Label);
        Assert.Equal("pets", analyses[4].Category.Label);
    }

    [Fact]
    public async Task The_host_is_unhealthy_until_the_warm_up_has_loaded_the_models()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ContentAnalysis:DataDirectory"] = fixture.Options.DataDirectory });
        builder.AddContentAnalysis();
        using var host = builder.Build();
        var health = host.Services.GetRequiredService<HealthCheckService>();

        Assert.Equal(HealthStatus.Unhealthy, (await health.CheckHealthAsync()).Entries["content-analysis"].Status);
        await host.StartAsync();
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while ((await health.CheckHealthAsync()).Status != HealthStatus.Healthy && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        Assert.Equal(HealthStatus.Healthy, (await health.CheckHealthAsync()).Entries["content-analysis"].Status);
        var analyses = await host.Services.GetRequiredService<IPostAnalyzer>().AnalyzeAsync([new("x", "Hello world, what a lovely day", [])], CancellationToken.None);
        Assert.Equal("en", Assert.Single(analyses).Language.Code);
        await host.StopAsync();
    }
}
