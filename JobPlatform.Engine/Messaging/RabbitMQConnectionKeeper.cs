using RabbitMQ.Client;

namespace JobPlatform.Engine.Messaging;

/// <summary>One shared RabbitMQ connection, opened on first use and replaced on the next use after it closes.</summary>
public sealed class RabbitMQConnectionKeeper(IConnectionFactory factory) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IConnection? _current;

    public async Task<IConnection> GetAsync(CancellationToken cancellationToken)
    {
        if (_current is { IsOpen: true } open)
        {
            return open;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_current is { IsOpen: true } reopened)
            {
                return reopened;
            }

            await DisposeCurrentAsync();
            _current = await factory.CreateConnectionAsync(cancellationToken);
            return _current;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync() => await DisposeCurrentAsync();

    private async Task DisposeCurrentAsync()
    {
        if (_current is not null)
        {
            try
            {
                await _current.DisposeAsync();
            }
            catch (Exception)
            {
                // A connection the broker already closed can fail to close again; it is gone either way.
            }

            _current = null;
        }
    }
}
