using JobPlatform.Hosting;
using Npgsql;

namespace JobPlatform.Tests.Infrastructure;

/// <summary>Direct reads (and, to simulate time passing, writes) of the job record, as an operator with psql would.</summary>
public static class JobsDatabase
{
    public static async Task<T?> ScalarAsync<T>(DistributedApplication app, string sql, params object[] parameters) =>
        await ScalarAsync<T>(await app.GetConnectionStringAsync("jobsdb") ?? throw new InvalidOperationException("jobsdb has no connection string."), sql, parameters);

    /// <summary>On any database of the run's server (a <see cref="ScratchDatabase"/>'s too).</summary>
    public static async Task<T?> ScalarAsync<T>(string connectionString, string sql, params object[] parameters)
    {
        // Unpooled: a pooled connection would outlive a server restart that a test caused.
        await using var connection = new NpgsqlConnection(connectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        var value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? default : (T)value;
    }
}
