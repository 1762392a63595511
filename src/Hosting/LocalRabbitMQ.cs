using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ArPlatform.Hosting;

/// <summary>A RabbitMQ broker (management plugin on) run by DCP from the Debian package, with a private epmd.</summary>
public sealed class LocalRabbitMQResource(string name, string directory, ParameterResource password, int managementPort)
    : ExecutableResource(name, Path.Combine(LocalRabbitMQExtensions.RabbitBin, "rabbitmq-server"), directory), IResourceWithConnectionString
{
    internal const string EndpointName = "tcp";
    internal const string ManagementEndpointName = "management";

    public const string UserName = "guest";

    public ParameterResource PasswordParameter { get; } = password;

    public EndpointReference PrimaryEndpoint => new(this, EndpointName);

    public int ManagementPort { get; } = managementPort;

    /// <summary>The administrator's connection string: for the AppHost and test fixtures only, never a service.</summary>
    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"amqp://{UserName}:{PasswordParameter}@127.0.0.1:{PrimaryEndpoint.Property(EndpointProperty.Port)}");

    /// <summary>The services' own users, written into the broker's definitions at every boot.</summary>
    public List<ServiceMessaging> ServiceUsers { get; } = [];

    /// <summary>A service's connection string, as its own user (added to <see cref="ServiceUsers"/>).</summary>
    public ReferenceExpression ConnectionStringFor(ServiceMessaging user)
    {
        ServiceUsers.Add(user);
        return ReferenceExpression.Create($"amqp://{user.User}:{user.Password:uri}@127.0.0.1:{PrimaryEndpoint.Property(EndpointProperty.Port)}");
    }

    /// <summary>The management API, authenticated as the broker's user.</summary>
    public async Task<HttpClient> ManagementClientAsync(CancellationToken cancellationToken = default)
    {
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{ManagementPort}/"), Timeout = TimeSpan.FromSeconds(10) };
        var credentials = $"{UserName}:{await PasswordParameter.GetValueAsync(cancellationToken)}";
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        return http;
    }
}

/// <summary>The Erlang port mapper the broker registers with, run in the foreground so DCP stops it with the broker.</summary>
public sealed class LocalEpmdResource(string name) : ExecutableResource(name, "/usr/bin/epmd", Path.GetTempPath());

public static class LocalRabbitMQExtensions
{
    internal const string RabbitBin = "/usr/lib/rabbitmq/bin";

    /// <summary>
    /// A RabbitMQ broker as a local process. Its user and password are loaded from a definitions file at every boot,
    /// so the broker always accepts the current password parameter.
    /// </summary>
    public static IResourceBuilder<LocalRabbitMQResource> AddLocalRabbitMQ(this IDistributedApplicationBuilder builder, string name, LocalServerSettings settings)
    {
        Prerequisites.Require("rabbitmq-server", Path.Combine(RabbitBin, "rabbitmq-server"));
        var password = ParameterResourceBuilderExtensions.CreateDefaultPasswordParameter(builder, $"{name}-password", special: false);
        builder.AddResource(password);
        var directory = Path.Combine(settings.DataDirectory, name);
        var (amqpPort, managementPort, distPort, epmdPort) = (Ports.Free(), Ports.Free(), Ports.Free(), Ports.Free());
        var broker = new LocalRabbitMQResource(name, directory, password, managementPort);
        var epmd = builder.AddResource(new LocalEpmdResource($"{name}-epmd"))
            .WithArgs("-port", Text(epmdPort), "-address", "127.0.0.1")
            .ExcludeFromManifest();

        builder.Eventing.Subscribe<BeforeResourceStartedEvent>(broker, async (_, ct) =>
            await WriteConfigurationAsync(broker, directory, amqpPort, managementPort, await password.GetValueAsync(ct) ?? "", ct));

        var healthCheck = $"{name}_check";
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(healthCheck, _ => new LocalRabbitMQHealthCheck(broker), null, null));

        return builder.AddResource(broker)
            .WithEndpoint(port: amqpPort, targetPort: amqpPort, name: LocalRabbitMQResource.EndpointName, scheme: "tcp", isProxied: false)
            .WithHttpEndpoint(port: managementPort, targetPort: managementPort, name: LocalRabbitMQResource.ManagementEndpointName, isProxied: false)
            .WithEnvironment(context =>
            {
                var env = context.EnvironmentVariables;
                env["HOME"] = Path.Combine(directory, "home");
                env["RABBITMQ_NODENAME"] = $"{name}@localhost";
                env["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1";
                env["RABBITMQ_NODE_PORT"] = Text(amqpPort);
                env["RABBITMQ_DIST_PORT"] = Text(distPort);
                env["ERL_EPMD_PORT"] = Text(epmdPort);
                env["ERL_EPMD_ADDRESS"] = "127.0.0.1";
                env["RABBITMQ_MNESIA_BASE"] = Path.Combine(directory, "mnesia");
                env["RABBITMQ_LOG_BASE"] = Path.Combine(directory, "log");
                env["RABBITMQ_PID_FILE"] = Path.Combine(directory, "rabbit.pid");
                env["RABBITMQ_CONFIG_FILE"] = Path.Combine(directory, "rabbitmq.conf");
                env["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(directory, "enabled_plugins");
                env["RABBITMQ_PLUGINS_EXPAND_DIR"] = Path.Combine(directory, "plugins-expand");
                env["RABBITMQ_CONF_ENV_FILE"] = Path.Combine(directory, "rabbitmq-env.conf");
                env["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-kernel inet_dist_use_interface {127,0,0,1}";
                env["RABBITMQ_LOGS"] = "-";
                // Makes the start script exec the Erlang VM, so DCP's process is the broker and SIGTERM stops it cleanly.
                env["RUNNING_UNDER_SYSTEMD"] = "true";
                env["PATH"] = $"{RabbitBin}:{Environment.GetEnvironmentVariable("PATH")}";
            })
            .WaitFor(epmd)
            .WithIconName("Mail")
            .WithHealthCheck(healthCheck)
            .ExcludeFromManifest();
    }

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);

    private static async Task WriteConfigurationAsync(LocalRabbitMQResource broker, string directory, int amqpPort, int managementPort, string password, CancellationToken ct)
    {
        PrivateFiles.CreateFolder(directory);
        var home = PrivateFiles.CreateFolder(Path.Combine(directory, "home"));
        var cookie = Path.Combine(home, ".erlang.cookie");
        if (!File.Exists(cookie))
        {
            await PrivateFiles.WriteAllTextAsync(cookie, Convert.ToHexString(RandomNumberGenerator.GetBytes(20)), ct);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(cookie, UnixFileMode.UserRead);
            }
        }

        // The administrator (management API, the AppHost and tests only) and one user per service, with no tags (no
        // management API) and only the permissions of RabbitMQPermissions.ForService (ADR 0026).
        List<object> users = [new { name = LocalRabbitMQResource.UserName, password_hash = PasswordHash(password), hashing_algorithm = "rabbit_password_hashing_sha256", tags = new[] { "administrator" } }];
        List<object> permissions = [new { user = LocalRabbitMQResource.UserName, vhost = "/", configure = ".*", write = ".*", read = ".*" }];
        foreach (var service in broker.ServiceUsers)
        {
            users.Add(new { name = service.User, password_hash = PasswordHash(await service.Password.GetValueAsync(ct) ?? ""), hashing_algorithm = "rabbit_password_hashing_sha256", tags = Array.Empty<string>() });
            permissions.Add(new { user = service.User, vhost = "/", configure = service.Permissions.Configure, write = service.Permissions.Write, read = service.Permissions.Read });
        }

        var definitions = Path.Combine(directory, "definitions.json");
        await PrivateFiles.WriteAllTextAsync(definitions, JsonSerializer.Serialize(new { users, vhosts = new[] { new { name = "/" } }, permissions }), ct);
        await PrivateFiles.WriteAllTextAsync(Path.Combine(directory, "rabbitmq.conf"), $"""
            listeners.tcp.default = 127.0.0.1:{amqpPort}
            management.tcp.port = {managementPort}
            management.tcp.ip = 127.0.0.1
            load_definitions = {definitions}
            loopback_users = none
            log.console = true
            log.console.level = warning
            log.file = false
            """, ct);
        await PrivateFiles.WriteAllTextAsync(Path.Combine(directory, "enabled_plugins"), "[rabbitmq_management].\n", ct);
        await PrivateFiles.WriteAllTextAsync(Path.Combine(directory, "rabbitmq-env.conf"), "", ct);
    }

    /// <summary>RabbitMQ's salted SHA-256: base64(salt ‖ SHA-256(salt ‖ password)) with a 4-byte salt.</summary>
    internal static string PasswordHash(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(4);
        byte[] salted = [.. salt, .. Encoding.UTF8.GetBytes(password)];
        return Convert.ToBase64String([.. salt, .. SHA256.HashData(salted)]);
    }

    /// <summary>Creates a virtual host and grants the broker's user everything on it (tests use one per test).</summary>
    public static async Task CreateVirtualHostAsync(this LocalRabbitMQResource broker, string virtualHost, CancellationToken cancellationToken = default)
    {
        using var http = await broker.ManagementClientAsync(cancellationToken);
        var vhost = Uri.EscapeDataString(virtualHost);
        (await http.PutAsync($"api/vhosts/{vhost}", new StringContent("{}", Encoding.UTF8, "application/json"), cancellationToken)).EnsureSuccessStatusCode();
        (await http.PutAsync($"api/permissions/{vhost}/{LocalRabbitMQResource.UserName}",
            new StringContent("""{"configure":".*","write":".*","read":".*"}""", Encoding.UTF8, "application/json"), cancellationToken)).EnsureSuccessStatusCode();
    }

    /// <summary>Creates or updates a user with no tags and <paramref name="permissions"/> on <paramref name="virtualHost"/>, through the management API.</summary>
    public static async Task PutUserAsync(HttpClient management, string user, string password, string virtualHost, RabbitMQPermissions permissions, CancellationToken cancellationToken = default)
    {
        var name = Uri.EscapeDataString(user);
        (await management.PutAsync($"api/users/{name}", JsonContent(new { password, tags = "" }), cancellationToken)).EnsureSuccessStatusCode();
        (await management.PutAsync($"api/permissions/{Uri.EscapeDataString(virtualHost)}/{name}",
            JsonContent(new { configure = permissions.Configure, write = permissions.Write, read = permissions.Read }), cancellationToken)).EnsureSuccessStatusCode();
    }

    private static StringContent JsonContent(object value) => new(JsonSerializer.Serialize(value), Encoding.UTF8, "application/json");
}

/// <summary>Healthy when the broker's management API answers for its user (the AMQP listener is up by then).</summary>
internal sealed class LocalRabbitMQHealthCheck(LocalRabbitMQResource broker) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var http = await broker.ManagementClientAsync(cancellationToken);
            using var response = await http.GetAsync("api/overview", cancellationToken);
            return response.IsSuccessStatusCode ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy($"management API answered {(int)response.StatusCode}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return HealthCheckResult.Unhealthy(e.Message);
        }
    }
}
