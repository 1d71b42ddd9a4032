using System.Globalization;
using RabbitMQ.Client;

namespace JobPlatform.Hosting.ApplicationModel;

/// <summary>
/// RabbitMQ from Debian's rabbitmq-server; as root, it runs as the rabbitmq user. It gets its own epmd on a private
/// port, launched first and stopped with it, so no Erlang port mapper daemon outlives the run.
/// </summary>
public sealed class RabbitMQServerResource(string name) : Resource(name), IResourceWithConnectionString
{
    private const string SystemUser = "rabbitmq";
    private const string UserName = "guest";
    private static readonly RequiredExecutable Server = new("rabbitmq-server", "rabbitmq-server");
    private static readonly RequiredExecutable PortMapper = new("epmd", "erlang-base");

    public override string ResourceType => "RabbitMQ";

    public int Port { get; private set; }

    public string Password { get; private set; } = "";

    private int _epmdPort;
    private int _distributionPort;

    public string ConnectionString => $"amqp://{UserName}:{Uri.EscapeDataString(Password)}@127.0.0.1:{Port}";

    public IReadOnlyDictionary<string, string> ConnectionProperties => new Dictionary<string, string>
    {
        ["HOST"] = "127.0.0.1",
        ["PORT"] = Port.ToString(CultureInfo.InvariantCulture),
        ["USERNAME"] = UserName,
        ["PASSWORD"] = Password,
        ["URI"] = ConnectionString,
    };

    internal override void Allocate(RunContext context)
    {
        Port = context.AllocatePort();
        _epmdPort = context.AllocatePort();
        _distributionPort = context.AllocatePort();
        Password = context.Secret($"{Name}-password");
    }

    internal override IReadOnlyList<string> GetUrls(int replica) => [$"amqp://127.0.0.1:{Port}"];

    internal override IEnumerable<RequiredExecutable> RequiredExecutables => [Server, PortMapper];

    internal override async Task<IReadOnlyList<ProcessSpec>> PrepareAsync(RunContext context, int replica, CancellationToken cancellationToken)
    {
        var directory = context.DataDirectory(Name);
        var config = Path.Combine(directory, "rabbitmq.conf");
        // default_user/default_pass only seed an empty database; the password is persisted with the data.
        await File.WriteAllTextAsync(config, $"""
            listeners.tcp.default = 127.0.0.1:{Port}
            default_user = {UserName}
            default_pass = {Password}
            log.console = true
            log.console.level = warning
            log.file = false
            log.connection.level = warning
            """, cancellationToken);
        File.SetUnixFileMode(config, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await File.WriteAllTextAsync(Path.Combine(directory, "enabled_plugins"), "[].", cancellationToken);
        await RunContext.GrantAsync(directory, SystemUser, cancellationToken);

        var user = RunContext.IsRoot ? SystemUser : null;
        var environment = new Dictionary<string, string>
        {
            ["HOME"] = directory, // the Erlang cookie lives here
            ["ERL_EPMD_PORT"] = _epmdPort.ToString(CultureInfo.InvariantCulture),
            // Makes the start script exec the VM instead of staying as a shell in front of it.
            ["RUNNING_UNDER_SYSTEMD"] = "true",
            ["RABBITMQ_NODENAME"] = "rabbit@localhost",
            ["RABBITMQ_CONFIG_FILE"] = config,
            ["RABBITMQ_MNESIA_BASE"] = Path.Combine(directory, "mnesia"),
            ["RABBITMQ_LOG_BASE"] = Path.Combine(directory, "log"),
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(directory, "enabled_plugins"),
            ["RABBITMQ_DIST_PORT"] = _distributionPort.ToString(CultureInfo.InvariantCulture),
            ["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-kernel inet_dist_use_interface {127,0,0,1}",
        };
        return
        [
            new ProcessSpec(context.FindExecutable(PortMapper), ["-port", _epmdPort.ToString(CultureInfo.InvariantCulture), "-address", "127.0.0.1"],
                directory, new Dictionary<string, string>(), user, ReadyPort: _epmdPort),
            new ProcessSpec(context.FindExecutable(Server), [], directory, environment, user),
        ];
    }

    internal override async Task<bool> IsHealthyAsync(int replica, CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory { Uri = new Uri(ConnectionString), ClientProvidedName = "apphost-health" };
        await using var connection = await factory.CreateConnectionAsync(cancellationToken);
        return connection.IsOpen;
    }
}
