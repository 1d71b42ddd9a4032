using JobPlatform.Hosting;
using Npgsql;

namespace JobPlatform.Tests.Infrastructure;

/// <summary>Direct reads (and, to simulate time passing, writes) of the job record, as an operator with psql would.</summary>
public static class JobsDatabase
{
    public static async Task<T?> ScalarAsync<T>(DistributedApplication app, string sql, params object[] parameters)
    {
        // Unpooled: a pooled connection would outlive a server restart that a test caused.
        await using var connection = new NpgsqlConnection(await app.GetConnectionStringAsync("jobsdb") + ";Pooling=false");
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
