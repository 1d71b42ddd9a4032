using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace JobPlatform.ServiceDefaults.Clients;

/// <summary>
/// Keeps auto-prepared statements (<c>Max Auto Prepare</c>) from outliving a failure. When the execution that
/// prepares a statement fails (e.g. PostgreSQL refuses a parameter), Npgsql 10 can record the statement as prepared
/// without its row description, and every later run of that query on the same pooled connection then reads zero
/// columns ("The underlying reader doesn't have as many fields as expected"), whoever sends it. So a connection on
/// which a statement failed forgets all its prepared statements when it is closed, before it returns to the pool;
/// they are prepared again on their next uses. Failures are rare, and the repair costs one DEALLOCATE ALL.
/// </summary>
public sealed class PreparedStatementRepair : DbConnectionInterceptor, IDbCommandInterceptor
{
    private static readonly ConditionalWeakTable<DbConnection, object> Stale = new();
    private static readonly object Marker = new();

    public void CommandFailed(DbCommand command, CommandErrorEventData eventData) => MarkIfRefused(command, eventData.Exception);

    public Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        MarkIfRefused(command, eventData.Exception);
        return Task.CompletedTask;
    }

    public override InterceptionResult ConnectionClosing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        Repair(connection);
        return result;
    }

    public override ValueTask<InterceptionResult> ConnectionClosingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        // Npgsql has no asynchronous UnprepareAll; this runs only after a failed statement.
        Repair(connection);
        return ValueTask.FromResult(result);
    }

    private static void MarkIfRefused(DbCommand command, Exception exception)
    {
        if (exception is PostgresException && command.Connection is { } connection)
        {
            Stale.AddOrUpdate(connection, Marker);
        }
    }

    private static void Repair(DbConnection connection)
    {
        if (Stale.Remove(connection) && connection is NpgsqlConnection { State: ConnectionState.Open } npgsql)
        {
            try
            {
                npgsql.UnprepareAll();
            }
            catch (NpgsqlException)
            {
                // The connection broke meanwhile: Npgsql discards a broken connector, prepared statements with it.
            }
        }
    }
}
