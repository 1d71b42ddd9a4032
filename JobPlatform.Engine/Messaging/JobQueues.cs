using JobPlatform.Engine.Jobs;
using RabbitMQ.Client;

namespace JobPlatform.Engine.Messaging;

/// <summary>The message that carries work: only the job id travels; PostgreSQL holds the job itself.</summary>
public sealed record JobMessage(Guid JobId);

/// <summary>
/// RabbitMQ topology: one durable direct exchange, and a durable queue per workload and lane (e.g. <c>lane.general.high</c>),
/// so AI work never waits behind general work and lanes have their own consumers. Each queue has two message
/// priorities: work a started job goes on with (a parent whose children ended, a snoozed step that woke, a retry, a
/// job's children) is delivered before new jobs, so a backlog of new work delays when new jobs start, never when started
/// ones end.
/// </summary>
public static class JobQueues
{
    public const string Exchange = "jobs";

    /// <summary>The message priority of work a started job goes on with; new jobs have none (0).</summary>
    public const byte ContinuedWork = 1;

    /// <summary>The queues' priority levels. A queue's arguments are fixed when it is declared (see <see cref="LegacyQueueDrain"/>).</summary>
    private static readonly Dictionary<string, object?> Arguments = new() { ["x-max-priority"] = (int)ContinuedWork };

    public static string RoutingKey(Workload workload, string priority) => $"{workload.ToString().ToLowerInvariant()}.{priority}";

    public static string Queue(Workload workload, string priority) => $"lane.{RoutingKey(workload, priority)}";

    /// <summary>The name the lane's queue had before queues had priorities (see <see cref="LegacyQueueDrain"/>).</summary>
    public static string LegacyQueue(Workload workload, string priority) => $"jobs.{RoutingKey(workload, priority)}";

    public static async Task DeclareAsync(IChannel channel, CancellationToken cancellationToken)
    {
        await channel.ExchangeDeclareAsync(Exchange, ExchangeType.Direct, durable: true, autoDelete: false, cancellationToken: cancellationToken);
        foreach (var workload in Enum.GetValues<Workload>())
        {
            foreach (var priority in Priorities.All)
            {
                var queue = Queue(workload, priority);
                await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, Arguments, cancellationToken: cancellationToken);
                await channel.QueueBindAsync(queue, Exchange, RoutingKey(workload, priority), cancellationToken: cancellationToken);
            }
        }
    }
}
