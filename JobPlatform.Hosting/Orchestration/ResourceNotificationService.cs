namespace JobPlatform.Hosting.Orchestration;

/// <summary>Waits on resource state, as Aspire's <c>ResourceNotificationService</c> does.</summary>
public sealed class ResourceNotificationService
{
    private readonly Func<IReadOnlyList<ResourceSnapshot>> _snapshots;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal ResourceNotificationService(Func<IReadOnlyList<ResourceSnapshot>> snapshots) => _snapshots = snapshots;

    internal void NotifyChanged() =>
        Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>A task that completes at the next change of any resource.</summary>
    internal Task NextChange => Volatile.Read(ref _changed).Task;

    /// <summary>Waits until every replica of <paramref name="resourceName"/> satisfies <paramref name="predicate"/>.</summary>
    public async Task<IReadOnlyList<ResourceSnapshot>> WaitForResourceAsync(
        string resourceName, Func<ResourceSnapshot, bool> predicate, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var changed = NextChange;
            var replicas = _snapshots().Where(s => s.Resource == resourceName).ToList();
            if (replicas.Count == 0)
            {
                throw new ArgumentException($"There is no resource named '{resourceName}'.", nameof(resourceName));
            }

            if (replicas.All(predicate))
            {
                return replicas;
            }

            await changed.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Waits until every replica runs and passes its health check; throws at once when one has failed.</summary>
    public Task WaitForResourceHealthyAsync(string resourceName, CancellationToken cancellationToken = default) =>
        WaitForResourceAsync(resourceName, replica => replica.State == ResourceState.Failed
            ? throw new DistributedApplicationException(
                $"Resource '{replica.Name}' failed: {replica.Error}\n{string.Join('\n', replica.RecentOutput.TakeLast(30))}")
            : replica is { State: ResourceState.Running, Health: HealthStatus.Healthy }, cancellationToken);
}
