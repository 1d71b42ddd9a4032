using Microsoft.Extensions.Diagnostics.HealthChecks;
using RabbitMQ.Client.Exceptions;

namespace JobPlatform.Engine.Messaging;

/// <summary>Healthy when the shared connection can open a channel (the check Aspire.RabbitMQ.Client registers).</summary>
internal sealed class RabbitMQHealthCheck(RabbitMQConnectionKeeper connections) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var connection = await connections.GetAsync(cancellationToken);
            await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (exception is BrokerUnreachableException or AlreadyClosedException or OperationInterruptedException or OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("RabbitMQ cannot open a channel.");
        }
    }
}
