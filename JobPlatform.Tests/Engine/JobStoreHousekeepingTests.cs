using System.Text.Json;
using JobPlatform.Engine.Execution;
using JobPlatform.Engine.Jobs;
using JobPlatform.Engine.Messaging;
using JobPlatform.Engine.Store;
using JobPlatform.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;

namespace JobPlatform.Tests.Engine;

/// <summary>
/// Publish-marking and the outbox (<c>JobStore.Publishing.cs</c>), and retention (<c>JobStore.Retention.cs</c>). The
/// outbox and retention sweep every job of their database, so each test has a database of its own.
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class JobStoreHousekeepingTests(AppHostFixture fixture)
{
    [Fact]
    public async Task Accepted_jobs_are_marked_enqueued_only_while_no_worker_has_claimed_them()
    {
        await using var database = await StoreTestDatabase.CreateAsync(fixture);
        var (tenantId, userId) = await database.CreateTenantAsync(credits: 10);
        await using var scope = database.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<JobStore>();
        var freshId = await StoreTestDatabase.AcceptAsync(store, tenantId, userId);
        var runningId = await StoreTestDatabase.AcceptAsync(store, tenantId, userId);
        await StoreTestDatabase.ClaimAsync(store, runningId, "worker-a#1");
        var retryId = await StoreTestDatabase.AcceptAsync(store, tenantId, userId);
        await StoreTestDatabase.ClaimAsync(store, retryId, "worker-a#2");
        Assert.NotNull(await store.FailAttemptAsync(retryId, "worker-a#2", "boom", TimeSpan.Zero, CancellationToken.None)); // queued again
        var cancelledId = await StoreTestDatabase.AcceptAsync(store, tenantId, userId);
        Assert.NotNull(await store.CancelAsync(userId, cancelledId, DateTimeOffset.UtcNow, CancellationToken.None));

        // The API's mark, after the broker confirmed the batch's messages, may land after a worker took one of them.
        Assert.Equal(1, await store.MarkAcceptedEnqueuedAsync([freshId, runningId, retryId, cancelledId], CancellationToken.None));

        Assert.True((await database.JobAsync(freshId)).Enqueued);
        Assert.False((await database.JobAsync(runningId)).Enqueued);
        Assert.False((await database.JobAsync(retryId)).Enqueued); // its retry is the outbox's to publish
        Assert.False((await database.JobAsync(cancelledId)).Enqueued);
    }

    /// <summary>
    /// A job released at its first attempt has attempts = 0 again, but its worker acked the message it took: a late
    /// mark from the API must not tell the outbox that a message is still on the queue.
    /// </summary>
    [Fact]
    public async Task A_job_released_before_the_apis_mark_lands_is_not_marked_enqueued()
    {
        await using var database = await StoreTestDatabase.CreateAsync(fixture);
        var (tenantId, userId) = await database.CreateTenantAsync(credits: 1);
        await using var scope = database.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<JobStore>();
        var jobId = await StoreTestDatabase.AcceptAsync(store, tenantId, userId);
        await StoreTestDatabase.ClaimAsync(store, jobId, "worker-a#1"); // took the message the API published
        Assert.Equal(1, await store.ReleaseAsync(jobId, "worker-a#1", CancellationToken.None)); // shut down; the message is acked

        var marked = await store.MarkAcceptedEnqueuedAsync([jobId], CancellationToken.None);

        Assert.False((await database.JobAsync(jobId)).Enqueued, "a released job must stay the outbox's to publish");
        Assert.Equal(0, marked);
    }

    [Fact]
    public async Task The_outbox_publishes_and_marks_overdue_and_due_retried_jobs_and_leaves_fresh_ones_to_the_api()
    {
        await using var database = await StoreTestDatabase.CreateAsync(fixture);
        var (tenantId, userId) = await database.CreateTenantAsync(credits: 10);
        await using var scope = database.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<JobStore>();
        var overdueId = await StoreTestDatabase.AcceptAsync(store, tenantId, userId, priority: Priorities.Low);
        // Accepted ten minutes ago, and the API never published it (broker down, or the API died).
        await database.ExecuteAsync("UPDATE jobs SET created_at = created_at - interval '10 minutes' WHERE id = $1", overdueId);
        var freshId = await StoreTestDatabase.AcceptAsync(store, tenantId, userId, priority: Priorities.Low);
        var dueRetryId = await StoreTestDatabase.AcceptAsync(store, tenantId, userId, priority: Priorities.Low);
        await StoreTestDatabase.ClaimAsync(store, dueRetryId, "worker-a#1");
        Assert.NotNull(await store.FailAttemptAsync(dueRetryId, "worker-a#1", "boom", TimeSpan.Zero, CancellationToken.None));
        var laterRetryId = await StoreTestDatabase.AcceptAsync(store, tenantId, userId, priority: Priorities.Low);
        await StoreTestDatabase.ClaimAsync(store, laterRetryId, "worker-a#2");
        Assert.NotNull(await store.FailAttemptAsync(laterRetryId, "worker-a#2", "boom", TimeSpan.FromHours(1), CancellationToken.None));

        // A queue of the test's own, bound to the lane's routing key on the fixture's broker, gets a copy of what the
        // publisher sends to the lane. (The fixture's workers take the lane's own copy, find no such job in their
        // database and drop it.)
        var factory = new ConnectionFactory { Uri = new Uri((await fixture.App.GetConnectionStringAsync("messaging"))!) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await JobQueues.DeclareAsync(channel, CancellationToken.None);
        var copies = (await channel.QueueDeclareAsync(exclusive: true)).QueueName;
        await channel.QueueBindAsync(copies, JobQueues.Exchange, JobQueues.RoutingKey(Workload.General, Priorities.Low));
        var publisher = database.Services.GetRequiredService<JobPublisher>();
        var types = database.Services.GetRequiredService<JobTypeRegistry>();

        var published = await store.PublishOverdueAsync(publisher, types, TimeSpan.FromMinutes(5), CancellationToken.None);

        Assert.Equal(2, published);
        Assert.Equal(
            (true, false, true, false),
            ((await database.JobAsync(overdueId)).Enqueued, (await database.JobAsync(freshId)).Enqueued,
                (await database.JobAsync(dueRetryId)).Enqueued, (await database.JobAsync(laterRetryId)).Enqueued));
        // Confirmed when PublishOverdueAsync returned, so already on the queue.
        var ours = new HashSet<Guid> { overdueId, freshId, dueRetryId, laterRetryId };
        var sent = new Dictionary<Guid, byte>();
        while (await channel.BasicGetAsync(copies, autoAck: true) is { } message)
        {
            sent[JsonSerializer.Deserialize<JobMessage>(message.Body.Span)!.JobId] = message.BasicProperties.Priority;
        }

        Assert.Equal(new[] { overdueId, dueRetryId }.Order(), sent.Keys.Where(ours.Contains).Order());
        // The retry goes on with a started job: delivered before new jobs.
        Assert.Equal((0, JobQueues.ContinuedWork), (sent[overdueId], sent[dueRetryId]));
        Assert.Equal(0, await store.PublishOverdueAsync(publisher, types, TimeSpan.FromMinutes(5), CancellationToken.None)); // marked: not sent again
    }

    [Fact]
    public async Task Retention_deletes_only_jobs_finished_before_the_cutoff_with_their_result_rows()
    {
        await using var database = await StoreTestDatabase.CreateAsync(fixture);
        var (tenantId, userId) = await database.CreateTenantAsync(credits: 10);
        await using var scope = database.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<JobStore>();
        var completedOldId = await CompletedWithRowsAsync(store, tenantId, userId, "worker-a#1");
        var failedOldId = await StoreTestDatabase.AcceptAsync(store, tenantId, userId, maxAttempts: 1);
        await StoreTestDatabase.ClaimAsync(store, failedOldId, "worker-a#2");
        Assert.Equal(2, await store.WriteResultRowsAsync(failedOldId, "worker-a#2", 0, ["{}", "{}"], CancellationToken.None));
        Assert.Equal(JobStatuses.Failed, (await store.FailAttemptAsync(failedOldId, "worker-a#2", "boom", TimeSpan.Zero, CancellationToken.None))?.Status);
        var cancelledOldId = await StoreTestDatabase.AcceptAsync(store, tenantId, userId);
        Assert.NotNull(await store.CancelAsync(userId, cancelledOldId, DateTimeOffset.UtcNow, CancellationToken.None));
        var completedRecentId = await CompletedWithRowsAsync(store, tenantId, userId, "worker-a#3");
        var queuedOldId = await StoreTestDatabase.AcceptAsync(store, tenantId, userId);
        var runningOldId = await StoreTestDatabase.AcceptAsync(store, tenantId, userId);
        await StoreTestDatabase.ClaimAsync(store, runningOldId, "worker-a#4");
        Assert.Equal(1, await store.WriteResultRowsAsync(runningOldId, "worker-a#4", 0, ["{}"], CancellationToken.None));
        // Thirty days pass for all but one; the unfinished ones were created then and never finished.
        await database.ExecuteAsync(
            "UPDATE jobs SET created_at = created_at - interval '30 days', completed_at = completed_at - interval '30 days' WHERE id = ANY($1)",
            new[] { completedOldId, failedOldId, cancelledOldId, queuedOldId, runningOldId });
        var cutoff = await database.ClockAsync() - TimeSpan.FromDays(7);

        var deleted = await store.DeleteFinishedBeforeAsync(cutoff, CancellationToken.None);

        Assert.Equal(3, deleted);
        foreach (var jobId in new[] { completedOldId, failedOldId, cancelledOldId })
        {
            Assert.Null(await database.ReadJobAsync(jobId));
            Assert.Equal(0L, await database.ScalarAsync<long>("SELECT count(*) FROM job_results WHERE job_id = $1", jobId));
        }

        Assert.Equal(JobStatuses.Completed, (await database.JobAsync(completedRecentId)).Status);
        Assert.Equal(JobStatuses.Queued, (await database.JobAsync(queuedOldId)).Status);
        Assert.Equal(JobStatuses.Processing, (await database.JobAsync(runningOldId)).Status);
        Assert.Equal(2L, await database.ScalarAsync<long>("SELECT count(*) FROM job_results WHERE job_id = $1", completedRecentId));
        Assert.Equal(1L, await database.ScalarAsync<long>("SELECT count(*) FROM job_results WHERE job_id = $1", runningOldId));
        Assert.Equal(0, await store.DeleteFinishedBeforeAsync(cutoff, CancellationToken.None));
    }

    /// <summary>A job whose attempt wrote two result rows and completed.</summary>
    private static async Task<Guid> CompletedWithRowsAsync(JobStore store, Guid tenantId, Guid userId, string owner)
    {
        var jobId = await StoreTestDatabase.AcceptAsync(store, tenantId, userId);
        await StoreTestDatabase.ClaimAsync(store, jobId, owner);
        Assert.Equal(2, await store.WriteResultRowsAsync(jobId, owner, 0, ["""{"n":0}""", """{"n":1}"""], CancellationToken.None));
        Assert.Single(await store.CompleteAsync([new JobCompletion(new JobLease(jobId, owner), "{}")], CancellationToken.None));
        return jobId;
    }
}
