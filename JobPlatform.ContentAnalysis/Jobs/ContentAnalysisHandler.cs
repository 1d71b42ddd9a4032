using System.Text.Json;
using JobPlatform.Engine.Jobs;

namespace JobPlatform.ContentAnalysis.Jobs;

/// <summary>
/// Runs a <c>content_analysis</c> job on an AI worker: the posts in batches of <see cref="BatchSize"/>
/// (docs/requirements.md R-003-12), one after the other, progress after each batch, the analyses as the job's result.
/// </summary>
public sealed class ContentAnalysisHandler(IPostAnalyzer analyzer) : IJobHandler
{
    public const int BatchSize = 5;

    public string JobType => ContentAnalysisJobType.JobName;

    public async Task<JobStep> ExecuteAsync(JobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var posts = context.Parameters.Deserialize<ContentAnalysisParameters>(JobJson.Options)!.Posts;
        var analysed = new List<AnalysedPost>(posts.Count);
        foreach (var batch in posts.Chunk(BatchSize))
        {
            var analyses = await analyzer.AnalyzeAsync([.. batch.Select(post => new PostText(post.Id, post.Text, []))], cancellationToken);
            analysed.AddRange(analyses.Select(AnalysedPost.From));
            await context.ReportProgressAsync(analysed.Count * 100 / posts.Count, $"Analysed {analysed.Count} of {posts.Count} posts");
        }

        return new JobStep.Complete(JsonSerializer.SerializeToElement(new ContentAnalysisResult(analysed), JobJson.Options));
    }
}
