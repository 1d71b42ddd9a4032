using System.Text.Json;
using JobPlatform.ContentAnalysis;
using JobPlatform.Engine.Jobs;
using JobPlatform.ProfileAnalytics.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace JobPlatform.ProfileAnalytics.Jobs;

/// <summary>
/// R-003-17 step 4 for one batch of posts: language, sentiment and category (<see cref="IPostAnalyzer"/>), stored in
/// <c>post_analyses</c> by post id, so a retried attempt overwrites what an earlier one stored.
/// </summary>
public sealed class PostAnalysisHandler(IPostAnalyzer analyzer, IServiceScopeFactory scopes, TimeProvider time) : IJobHandler
{
    public string JobType => PostAnalysisJobType.JobName;

    public async Task<JobStep> ExecuteAsync(JobExecutionContext context, CancellationToken cancellationToken)
    {
        var parameters = context.Parameters.Deserialize<PostAnalysisParameters>(JobJson.Options)!;
        await using var scope = scopes.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<ProfileStore>();
        var posts = await store.ReadPostTextsAsync(parameters.PostIds, cancellationToken);
        if (posts.Count == 0)
        {
            throw new PermanentJobFailureException($"None of the posts {string.Join(", ", parameters.PostIds)} is stored.");
        }

        var analyses = await analyzer.AnalyzeAsync(posts, cancellationToken);

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
