using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace ArPlatform.Hosting;

/// <summary>A RabbitMQ broker (management plugin on) run from the Debian package, with a private epmd and data.</summary>
public sealed class RabbitMQServerResource(string name, ParameterResource password) : ServerResource(name), IResourceWithConnectionString
{
    private const string RabbitBin = "/usr/lib/rabbitmq/bin";
    private int _amqpPort;
    private int _managementPort;
    private int _distPort;
    private int _epmdPort;

    public ParameterResource Password { get; } = password;

    public string UserName => "guest";

    public int AmqpPort => _amqpPort;

    public int ManagementPort => _managementPort;

    public override string Image => "docker.io/library/rabbitmq:3-management";

    public override string? Url => _managementPort == 0 ? null : $"http://127.0.0.1:{_managementPort} (amqp {_amqpPort})";

    public string ConnectionStringExpression =>
        $"amqp://{UserName}:{{{Password.Name}.value}}@{{{Name}.bindings.tcp.host}}:{{{Name}.bindings.tcp.port}}";

    public string GetConnectionString() =>
        $"amqp://{UserName}:{Uri.EscapeDataString(Password.Value)}@127.0.0.1:{_amqpPort}";

    /// <summary>The connection string of one virtual host (test hosts use a vhost per run).</summary>
    public string GetConnectionString(string virtualHost) => $"{GetConnectionString()}/{Uri.EscapeDataString(virtualHost)}";

    private string NodeName => $"{Name}@localhost";

    private Dictionary<string, string?> Environment(RunContext context)
    {
        var dir = context.ResourceDirectory(Name);
        return new Dictionary<string, string?>
        {
            ["HOME"] = Path.Combine(dir, "home"),
            ["RABBITMQ_NODENAME"] = NodeName,
            ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_NODE_PORT"] = _amqpPort.ToString(CultureInfo.InvariantCulture),
            ["RABBITMQ_DIST_PORT"] = _distPort.ToString(CultureInfo.InvariantCulture),
            ["ERL_EPMD_PORT"] = _epmdPort.ToString(CultureInfo.InvariantCulture),
            ["ERL_EPMD_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_MNESIA_BASE"] = Path.Combine(dir, "mnesia"),
            ["RABBITMQ_LOG_BASE"] = Path.Combine(dir, "log"),
            ["RABBITMQ_PID_FILE"] = Path.Combine(dir, "rabbit.pid"),
            ["RABBITMQ_CONFIG_FILE"] = Path.Combine(dir, "rabbitmq.conf"),
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(dir, "enabled_plugins"),
            ["RABBITMQ_PLUGINS_EXPAND_DIR"] = Path.Combine(dir, "plugins-expand"),
            ["RABBITMQ_CONF_ENV_FILE"] = Path.Combine(dir, "rabbitmq-env.conf"),
            ["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-kernel inet_dist_use_interface {127,0,0,1}",
            ["RABBITMQ_LOGS"] = "-",
            // Makes the start script exec the Erlang VM, so our pid is the broker's and SIGTERM stops it cleanly.
            ["RUNNING_UNDER_SYSTEMD"] = "true",
            ["PATH"] = $"{RabbitBin}:{System.Environment.GetEnvironmentVariable("PATH")}",
        };
    }

    protected override async Task PrepareAsync(RunContext context, CancellationToken cancellationToken)
    {
        Prerequisites.Require("rabbitmq-server", Path.Combine(RabbitBin, "rabbitmq-server"));
        var dir = context.ResourceDirectory(Name);
        var portsFile = Path.Combine(dir, "ports");
        // A leftover epmd from a run that was killed holds its port: stop it before choosing new ports.
        await StopLeftoverEpmdAsync(dir);

        (_amqpPort, _managementPort, _distPort, _epmdPort) = (Ports.Free(), Ports.Free(), Ports.Free(), Ports.Free());
        await PrivateFiles.WriteAllTextAsync(portsFile, _epmdPort.ToString(CultureInfo.InvariantCulture), cancellationToken);

        var home = Path.Combine(dir, "home");
        Directory.CreateDirectory(home);
        var cookie = Path.Combine(home, ".erlang.cookie");
        if (!File.Exists(cookie))
        {
            await File.WriteAllTextAsync(cookie, ParameterResource.NewSecret().ToUpperInvariant(), cancellationToken);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(cookie, UnixFileMode.UserRead);
            }
        }

        await PrivateFiles.WriteAllTextAsync(Path.Combine(dir, "rabbitmq.conf"), $"""
            listeners.tcp.default = 127.0.0.1:{_amqpPort}
            management.tcp.port = {_managementPort}
            management.tcp.ip = 127.0.0.1
            default_user = {UserName}
            default_pass = {Password.Value}
            loopback_users = none
            log.console = true
            log.console.level = warning
            log.file = false
            """, cancellationToken);
        await PrivateFiles.WriteAllTextAsync(Path.Combine(dir, "enabled_plugins"), "[rabbitmq_management].\n", cancellationToken);
        await PrivateFiles.WriteAllTextAsync(Path.Combine(dir, "rabbitmq-env.conf"), "", cancellationToken);
    }

    protected override (string File, IEnumerable<string> Arguments, IReadOnlyDictionary<string, string?> Environment) Command(RunContext context) =>
        (Path.Combine(RabbitBin, "rabbitmq-server"), [], Environment(context));

    protected override async Task<bool> CheckHealthAsync(CancellationToken cancellationToken)
    {
        if (!await Ports.IsOpenAsync(_amqpPort, cancellationToken))
        {
            return false;
        }

        using var http = ManagementClient();
        using var response = await http.GetAsync("api/overview", cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return false;
        }

        State = ResourceState.Healthy;
        return true;
    }

    /// <summary>Creates a virtual host and grants the user all permissions on it.</summary>
    public async Task CreateVirtualHostAsync(string virtualHost, CancellationToken cancellationToken = default)
    {
        using var http = ManagementClient();
        var vhost = Uri.EscapeDataString(virtualHost);
        (await http.PutAsync($"api/vhosts/{vhost}", new StringContent("{}", Encoding.UTF8, "application/json"), cancellationToken)).EnsureSuccessStatusCode();
        (await http.PutAsync($"api/permissions/{vhost}/{UserName}",
            new StringContent("""{"configure":".*","write":".*","read":".*"}""", Encoding.UTF8, "application/json"), cancellationToken)).EnsureSuccessStatusCode();
    }

    private HttpClient ManagementClient()
    {
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_managementPort}/"), Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{UserName}:{Password.Value}")));
        return http;
    }

    protected override async Task AfterStopAsync()
    {
        await StopEpmdAsync(_epmdPort);
        File.Delete(Path.Combine(Context!.ResourceDirectory(Name), "ports"));
    }

    /// <summary>Stops the private epmd an earlier, killed run of the broker in <paramref name="resourceDirectory"/> left.</summary>
    public static async Task StopLeftoverEpmdAsync(string resourceDirectory)
    {
        var portsFile = Path.Combine(resourceDirectory, "ports");
        if (File.Exists(portsFile) && int.TryParse(await File.ReadAllTextAsync(portsFile), CultureInfo.InvariantCulture, out var port))
        {
            await StopEpmdAsync(port);
        }
    }

    private static async Task StopEpmdAsync(int port)
    {
        try
        {
            await RunToCompletionAsync("/usr/bin/epmd", ["-kill"],
                new Dictionary<string, string?> { ["ERL_EPMD_PORT"] = port.ToString(CultureInfo.InvariantCulture) });
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Not running: nothing to stop.
        }
    }
}
