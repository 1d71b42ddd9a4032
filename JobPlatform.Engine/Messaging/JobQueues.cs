using JobPlatform.Engine.Jobs;
using RabbitMQ.Client;

namespace JobPlatform.Engine.Messaging;

/// <summary>The message that carries work: only the job id travels; PostgreSQL holds the job itself.</summary>
public sealed record JobMessage(Guid JobId);

/// <summary>
/// RabbitMQ topology: one durable direct exchange, and a durable queue per workload and lane
/// (e.g. <c>jobs.general.high</c>), so AI work never waits behind general work and lanes have their own consumers.
/// </summary>
public static class JobQueues
{
    public const string Exchange = "jobs";

    public static string RoutingKey(Workload workload, string priority) => $"{workload.ToString().ToLowerInvariant()}.{priority}";

    public static string Queue(Workload workload, string priority) => $"jobs.{RoutingKey(workload, priority)}";

    public static async Task DeclareAsync(IChannel channel, CancellationToken cancellationToken)
    {
        await channel.ExchangeDeclareAsync(Exchange, ExchangeType.Direct, durable: true, autoDelete: false, cancellationToken: cancellationToken);
        foreach (var workload in Enum.GetValues<Workload>())
        {
            foreach (var priority in Priorities.All)
            {
                var queue = Queue(workload, priority);
                await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, cancellationToken: cancellationToken);
                await channel.QueueBindAsync(queue, Exchange, RoutingKey(workload, priority), cancellationToken: cancellationToken);
            }
        }
    }
}
