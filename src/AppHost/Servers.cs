using ArPlatform.Hosting;

namespace ArPlatform.AppHost;

/// <summary>
/// The servers the services need, as Aspire container resources with their official images when the topology is
/// published or a container engine runs here, and as local processes from the Debian packages otherwise. Either way
/// a service sees the same connection strings, health and WaitFor.
/// </summary>
internal sealed class Servers
{
    private readonly IDistributedApplicationBuilder _builder;
    private readonly LocalServerSettings? _local;
    private readonly IResourceBuilder<PostgresServerResource>? _postgresContainer;
    private readonly IResourceBuilder<LocalPostgresResource>? _postgresLocal;

    private Servers(IDistributedApplicationBuilder builder, bool containers)
    {
        _builder = builder;
        if (containers)
        {
            _postgresContainer = builder.AddPostgres(ResourceNames.Postgres).WithDataVolume("arplatform-postgres-data");
            Messaging = builder.AddRabbitMQ(ResourceNames.Messaging).WithManagementPlugin().WithDataVolume("arplatform-messaging-data");
            Cache = builder.AddRedis(ResourceNames.Cache).WithDataVolume("arplatform-cache-data");
            Mail = builder.AddConnectionString(ResourceNames.Mail);
        }
        else
        {
            _local = LocalServerSettings.From(builder);
            _postgresLocal = builder.AddLocalPostgres(ResourceNames.Postgres, _local);
            Messaging = builder.AddLocalRabbitMQ(ResourceNames.Messaging, _local);
            Cache = builder.AddLocalRedis(ResourceNames.Cache, _local);
            // A relay of one's own (ConnectionStrings:mail) replaces the local SMTP server and its web inbox.
            Mail = builder.Configuration[$"ConnectionStrings:{ResourceNames.Mail}"] is { Length: > 0 }
                ? builder.AddConnectionString(ResourceNames.Mail)
                : builder.AddLocalSmtp(ResourceNames.Mail, _local);
        }
    }

    public IResourceBuilder<IResourceWithConnectionString> Messaging { get; }

    public IResourceBuilder<IResourceWithConnectionString> Cache { get; }

    /// <summary>In publish mode a connection string the operator sets to the real relay (ConnectionStrings__mail).</summary>
    public IResourceBuilder<IResourceWithConnectionString> Mail { get; }

    public static Servers Add(IDistributedApplicationBuilder builder) =>
        new(builder, builder.ExecutionContext.IsPublishMode || ContainerEngineRuns(builder));

    public IResourceBuilder<IResourceWithConnectionString> Database(string name) =>
        _postgresContainer is not null ? _postgresContainer.AddDatabase(name) : _postgresLocal!.AddDatabase(name);

    /// <summary>
    /// AppHost:Containers decides when set; otherwise a Docker or Podman socket that accepts a connection means yes
    /// (a socket file left by a daemon that is not running does not).
    /// </summary>
    private static bool ContainerEngineRuns(IDistributedApplicationBuilder builder)
    {
        if (bool.TryParse(builder.Configuration["AppHost:Containers"], out var configured))
        {
            return configured;
        }

        var runtimeDir = Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR");
        string[] sockets = ["/var/run/docker.sock", .. runtimeDir is null ? Array.Empty<string>() : [Path.Combine(runtimeDir, "podman", "podman.sock")]];
        return sockets.Any(Accepts);
    }

    private static bool Accepts(string socketPath)
    {
        if (!File.Exists(socketPath))
        {
            return false;
        }

        using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
        try
        {
            return socket.ConnectAsync(new System.Net.Sockets.UnixDomainSocketEndPoint(socketPath)).Wait(TimeSpan.FromSeconds(1));
        }
        catch (AggregateException)
        {
            return false;
        }
    }
}
