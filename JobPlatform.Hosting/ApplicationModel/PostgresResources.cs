using System.Globalization;
using Npgsql;

namespace JobPlatform.Hosting.ApplicationModel;

/// <summary>A PostgreSQL server from Debian's postgresql package; as root, it runs as the postgres user.</summary>
public sealed class PostgresServerResource(string name) : Resource(name), IResourceWithConnectionString
{
    private const string SystemUser = "postgres";
    private static readonly RequiredExecutable Server = new("postgres", "postgresql");
    private static readonly RequiredExecutable InitDb = new("initdb", "postgresql");

    public override string ResourceType => "PostgreSQL";

    public int Port { get; private set; }

    public string Password { get; private set; } = "";

    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Password={Password}";

    public IReadOnlyDictionary<string, string> ConnectionProperties => new Dictionary<string, string>
    {
        ["HOST"] = "127.0.0.1",
        ["PORT"] = Port.ToString(CultureInfo.InvariantCulture),
        ["USERNAME"] = "postgres",
        ["PASSWORD"] = Password,
        ["URI"] = $"postgresql://postgres:{Password}@127.0.0.1:{Port}",
    };

    internal override void Allocate(RunContext context)
    {
        Port = context.AllocatePort();
        Password = context.Secret($"{Name}-password");
    }

    internal override IReadOnlyList<string> GetUrls(int replica) => [$"tcp://127.0.0.1:{Port}"];

    internal override IEnumerable<RequiredExecutable> RequiredExecutables => [Server, InitDb];

    internal override async Task<IReadOnlyList<ProcessSpec>> PrepareAsync(RunContext context, int replica, CancellationToken cancellationToken)
    {
        var root = context.DataDirectory(Name);
        var data = DataPath(context);
        var user = RunContext.IsRoot ? SystemUser : null;
        var noEnvironment = new Dictionary<string, string>();
        if (!File.Exists(Path.Combine(data, "PG_VERSION")))
        {
            var passwordFile = Path.Combine(root, "initdb.pw");
            await File.WriteAllTextAsync(passwordFile, Password, cancellationToken);
            File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            await RunContext.GrantAsync(root, SystemUser, cancellationToken);
            try
            {
                await Orchestration.CommandRunner.RunAsync(
                    new ProcessSpec(context.FindExecutable(InitDb),
                        ["-D", data, "-U", "postgres", "--pwfile", passwordFile, "--auth", "scram-sha-256", "-E", "UTF8", "--no-instructions"],
                        root, noEnvironment, user),
                    cancellationToken);
            }
            finally
            {
                File.Delete(passwordFile);
            }
        }

        string[] durability = context.Options.DurableStorage ? [] : ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"];
        return
        [
            new ProcessSpec(context.FindExecutable(Server),
                ["-D", data, "-p", Port.ToString(CultureInfo.InvariantCulture), "-c", "listen_addresses=127.0.0.1", "-c", $"unix_socket_directories={root}",
                 "-c", "max_connections=300", .. durability],
                root, noEnvironment, user, StopSignal.Interrupt),
        ];
    }

    internal override Task<bool> IsHealthyAsync(int replica, CancellationToken cancellationToken) =>
        PostgresProbe.CanQueryAsync(ConnectionString + ";Database=postgres", cancellationToken);

    /// <summary>The postmaster of <c>postmaster.pid</c> (line 1), e.g. after <c>pg_ctl restart</c>; it runs in the data directory.</summary>
    internal override int? FindRestartedServer(RunContext context, int replica) =>
        Orchestration.ProcessTable.RecordedServer(Path.Combine(DataPath(context), "postmaster.pid"), DataPath(context));

    private string DataPath(RunContext context) => Path.Combine(context.DataDirectory(Name), "data");
}

/// <summary>A database on a <see cref="PostgresServerResource"/>, created when the server first becomes healthy.</summary>
public sealed class PostgresDatabaseResource(string name, string databaseName, PostgresServerResource parent)
    : Resource(name), IResourceWithConnectionString
{
    public override string ResourceType => "PostgreSQL database";

    public PostgresServerResource Parent { get; } = parent;

    public string DatabaseName { get; } = databaseName;

    public string ConnectionString => $"{Parent.ConnectionString};Database={DatabaseName}";

    public IReadOnlyDictionary<string, string> ConnectionProperties => new Dictionary<string, string>(Parent.ConnectionProperties)
    {
        ["DATABASENAME"] = DatabaseName,
        ["URI"] = $"{Parent.ConnectionProperties["URI"]}/{DatabaseName}",
    };

    internal override async Task<IReadOnlyList<ProcessSpec>> PrepareAsync(RunContext context, int replica, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(Parent.ConnectionString + ";Database=postgres;Pooling=false");
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection) { Parameters = { new() { Value = DatabaseName } } };
        if (await exists.ExecuteScalarAsync(cancellationToken) is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{DatabaseName}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        return [];
    }

    internal override Task<bool> IsHealthyAsync(int replica, CancellationToken cancellationToken) =>
        PostgresProbe.CanQueryAsync(ConnectionString, cancellationToken);
}

internal static class PostgresProbe
{
    public static async Task<bool> CanQueryAsync(string connectionString, CancellationToken cancellationToken)
    {
        // No pooling: a pooled connection would outlive a server restart and hide it.
        await using var connection = new NpgsqlConnection(connectionString + ";Pooling=false;Timeout=3");
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT 1", connection);
        return await command.ExecuteScalarAsync(cancellationToken) is 1;
    }
}
