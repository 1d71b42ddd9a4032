using System.Data;
using JobPlatform.Engine.Data;
using JobPlatform.Engine.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace JobPlatform.Engine.Store;

/// <summary>
/// Every statement that changes a job, a tenant's ledger or an account (and the API's batched status read), and none
/// anywhere else: the API and the workers call this store and hold no job SQL of their own. One duty per file of
/// this type:
/// <list type="bullet">
/// <item><c>JobStore.Accept.cs</c>: accept a batch of requests, under the rules of <see cref="Rules.AcceptRules"/>, and charge them;</item>
/// <item><c>JobStore.Cancel.cs</c>: an owner cancels a job (a queued one is refunded);</item>
/// <item><c>JobStore.Redrive.cs</c>: an operator queues a dead-lettered job again (charged again);</item>
/// <item><c>JobStore.Attempts.cs</c>: a worker's attempt: claim, heartbeat, progress, result rows, complete, fail, cancel, release;</item>
/// <item><c>JobStore.Publishing.cs</c>: mark jobs enqueued once the broker confirmed them; publish the overdue ones (the outbox);</item>
/// <item><c>JobStore.LeaseRescue.cs</c>: end the attempts whose worker stopped renewing its lease;</item>
/// <item><c>JobStore.Retention.cs</c>: delete finished jobs past retention;</item>
/// <item><c>JobStore.StatusReads.cs</c>: read jobs for the API's status reads, many in one statement;</item>
/// <item><c>JobStore.Accounts.cs</c>: create tenants (their ledger opens with their first credits), users and API keys.</item>
/// </list>
/// Every change is conditional on the state it expects (status, lease owner), so a stale caller changes nothing, and
/// rows are locked in id order wherever a statement locks several, so concurrent batches wait, never deadlock.
/// </summary>
public sealed partial class JobStore(JobsDbContext db, IOptions<JobEngineOptions> options)
{
    private static async Task<Job?> SingleAsync(IQueryable<Job> statement, CancellationToken cancellationToken) =>
        (await statement.AsNoTracking().ToListAsync(cancellationToken)).SingleOrDefault();

    /// <summary>
    /// Runs plain Npgsql statements (accept's batches, claims, completions) on this context's pooled connection, under
    /// EF Core's retry strategy. On a failure, a transaction the statements began is rolled back (outside one, ROLLBACK
    /// only warns), and after a statement PostgreSQL refused the connection's prepared statements are forgotten: EF
    /// Core's interceptor does that for its own commands only.
    /// </summary>
    private Task<T> OnConnectionAsync<T>(Func<NpgsqlConnection, Task<T>> statements, CancellationToken cancellationToken) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            try
            {
                return await statements(connection);
            }
            catch (Exception exception)
            {
                await RollBackAsync(connection);
                if (exception is PostgresException)
                {
                    ForgetPreparedStatements(connection);
                }

                throw;
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        });

    /// <summary>The statements every job runs (claims, completions, status reads), in plain Npgsql (see <see cref="JobRows"/>).</summary>
    private Task<List<Job>> ReadJobsAsync(string sql, object[] arguments, CancellationToken cancellationToken) =>
        OnConnectionAsync(async connection =>
        {
            await using var command = new NpgsqlCommand(sql, connection);
            foreach (var argument in arguments)
            {
                command.Parameters.Add(new NpgsqlParameter { Value = argument });
            }

            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await JobRows.ReadAsync(reader, cancellationToken);
        }, cancellationToken);

    private static async Task RollBackAsync(NpgsqlConnection connection)
    {
        try
        {
            if (connection.State == ConnectionState.Open)
            {
                await using var rollback = new NpgsqlCommand("ROLLBACK", connection);
                await rollback.ExecuteNonQueryAsync();
            }
        }
        catch (NpgsqlException)
        {
            // The connection is broken: the server rolls the transaction back itself.
        }
    }

    /// <summary>
    /// A statement PostgreSQL refused may leave its auto-prepared form broken on this pooled connection (recorded as
    /// prepared without its row description): forget them all before the connection returns to the pool; they are
    /// prepared again on their next uses.
    /// </summary>
    private static void ForgetPreparedStatements(NpgsqlConnection connection)
    {
        try
        {
            if (connection.State == ConnectionState.Open)
            {
                connection.UnprepareAll();
            }
        }
        catch (NpgsqlException)
        {
            // The connection is broken: Npgsql discards it, its prepared statements with it.
        }
    }
}
