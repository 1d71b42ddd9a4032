using System.Text.Json;
using JobPlatform.ContentAnalysis;
using JobPlatform.Engine.Jobs;
using JobPlatform.ProfileAnalytics.Storage;
using JobPlatform.Providers;
using Microsoft.Extensions.DependencyInjection;

namespace JobPlatform.ProfileAnalytics.Jobs;

/// <summary>
/// R-003-17 step 4 for one batch of posts: language, sentiment and category (<see cref="IPostAnalyzer"/>), stored in
/// <c>post_analyses</c> by post id, so a retried attempt overwrites what an earlier one stored. The analyser is resolved
/// per job, from the job's scope: it may be scoped, and a worker without one fails these jobs, not its start.
/// </summary>
public sealed class PostAnalysisHandler(IServiceScopeFactory scopes, TimeProvider time) : IJobHandler
{
    public string JobType => PostAnalysisJobType.JobName;

    public async Task<JobStep> ExecuteAsync(JobExecutionContext context, CancellationToken cancellationToken)
    {
        var parameters = context.Parameters.Deserialize<PostAnalysisParameters>(JobJson.Options)!;
        await using var scope = scopes.CreateAsyncScope();
        var analyzer = scope.ServiceProvider.GetService<IPostAnalyzer>()
            ?? throw new PermanentJobFailureException("The AI workers have no post analyzer configured.");
        var store = scope.ServiceProvider.GetRequiredService<ProfileStore>();
        var posts = await store.ReadPostTextsAsync(parameters.PostIds, cancellationToken);
        if (posts.Count == 0)
        {
            throw new PermanentJobFailureException($"None of the posts {string.Join(", ", parameters.PostIds)} is stored.");
        }

        IReadOnlyList<PostAnalysis> analyses;
        try
        {
            analyses = await analyzer.AnalyzeAsync(posts, cancellationToken);
        }
        catch (ProviderException exception) when (!exception.Transient)
        {
            throw new PermanentJobFailureException($"The post analysis failed: {exception.Message}", exception);
        }

        var now = time.GetUtcNow();
        var requested = posts.Select(p => p.PostId).ToHashSet(StringComparer.Ordinal);
        var rows = analyses.Where(a => requested.Contains(a.PostId))
            .Select(a => new PostAnalysisRow(a.PostId, a.Language.Code, a.Language.Confidence, a.Sentiment.Label, a.Sentiment.Score, a.Category.Label,
                a.Category.Confidence, a.Engine, now))
            .ToList();
        await store.SaveAnalysesAsync(rows, cancellationToken);
        return new JobStep.Complete(JsonSerializer.SerializeToElement(new PostAnalysisSummary(rows.Count, rows.ConvertAll(r => r.PostId)), JobJson.Options));
    }
}
