using ArPlatform.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ArPlatform.AppHost;

/// <summary>
/// The servers the services need, as Aspire container resources with their official images when the topology is
/// published or a container engine runs here, and as local processes from the Debian packages otherwise. Either way
/// a service sees the same connection strings, health and WaitFor. The superuser and the broker's administrator stay
/// here: a service gets its database's application and owner roles and its own broker user, each with a password of
/// its own (ADR 0026).
/// </summary>
internal sealed class Servers
{
    private readonly IDistributedApplicationBuilder _builder;
    private readonly LocalServerSettings? _local;
    private readonly IResourceBuilder<PostgresServerResource>? _postgresContainer;
    private readonly IResourceBuilder<LocalPostgresResource>? _postgresLocal;
    private readonly IResourceBuilder<RabbitMQServerResource>? _rabbitContainer;
    private readonly IResourceBuilder<LocalRabbitMQResource>? _rabbitLocal;
    private readonly List<ServiceMessaging> _brokerUsers = [];

    private Servers(IDistributedApplicationBuilder builder, bool containers)
    {
        _builder = builder;
        if (containers)
        {
            _postgresContainer = builder.AddPostgres(ResourceNames.Postgres).WithDataVolume("arplatform-postgres-data");
            _rabbitContainer = builder.AddRabbitMQ(ResourceNames.Messaging).WithManagementPlugin().WithDataVolume("arplatform-messaging-data");
            Messaging = _rabbitContainer;
            if (builder.ExecutionContext.IsRunMode)
            {
                // The image knows only its administrator: the services' users are put through the management API.
                var check = $"{ResourceNames.Messaging}_service_users";
                builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(check, _ => new BrokerUsersHealthCheck(_rabbitContainer.Resource, _brokerUsers), null, null));
                _rabbitContainer.WithHealthCheck(check);
            }

            Cache = builder.AddRedis(ResourceNames.Cache).WithDataVolume("arplatform-cache-data");
            Mail = builder.AddConnectionString(ResourceNames.Mail);
        }
        else
        {
            _local = LocalServerSettings.From(builder);
            _postgresLocal = builder.AddLocalPostgres(ResourceNames.Postgres, _local);
            _rabbitLocal = builder.AddLocalRabbitMQ(ResourceNames.Messaging, _local);
            Messaging = _rabbitLocal;
            Cache = builder.AddLocalRedis(ResourceNames.Cache, _local);
            // A relay of one's own (ConnectionStrings:mail) replaces the local SMTP server and its web inbox.
            Mail = builder.Configuration[$"ConnectionStrings:{ResourceNames.Mail}"] is { Length: > 0 }
                ? builder.AddConnectionString(ResourceNames.Mail)
                : builder.AddLocalSmtp(ResourceNames.Mail, _local);
        }
    }

    /// <summary>The broker, as its administrator (the AppHost's and tests' connection string; no service gets it).</summary>
    public IResourceBuilder<IResourceWithConnectionString> Messaging { get; }

    public IResourceBuilder<IResourceWithConnectionString> Cache { get; }

    /// <summary>In publish mode a connection string the operator sets to the real relay (ConnectionStrings__mail).</summary>
    public IResourceBuilder<IResourceWithConnectionString> Mail { get; }

    public static Servers Add(IDistributedApplicationBuilder builder) =>
        new(builder, builder.ExecutionContext.IsPublishMode || ContainerEngineRuns(builder));

    /// <summary>
    /// A service's database with its owner and application roles, their passwords generated once and kept by Aspire
    /// (<c>Parameters:{name}-owner-password</c>, <c>Parameters:{name}-app-password</c>): the resource to wait for, and
    /// the two connection strings the service gets.
    /// </summary>
    public (IResourceBuilder<IResource> Resource, ServiceDatabase Connections) Database(string name)
    {
        var (owner, app) = (Secret($"{name}-owner-password"), Secret($"{name}-app-password"));
        if (_postgresLocal is not null)
        {
            var local = _postgresLocal.AddDatabase(name, owner, app);
            return (local, local.Resource.ForService());
        }

        var postgres = _postgresContainer!;
        var database = postgres.AddDatabase(name);
        var server = postgres.Resource.PrimaryEndpoint;
        if (_builder.ExecutionContext.IsRunMode)
        {
            // Aspire creates the database; its roles are provisioned before anything waiting for it starts.
            var check = $"{name}_roles";
            var provisioned = new System.Runtime.CompilerServices.StrongBox<bool>();
            _builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(check, _ => new DatabaseRolesHealthCheck(postgres.Resource, name, owner, app, provisioned), null, null));
            database.WithHealthCheck(check);
        }

        return (database, ServiceDatabase.Create(
            ReferenceExpression.Create($"Host={server.Property(EndpointProperty.Host)};Port={server.Property(EndpointProperty.Port)}"), name, owner, app));
    }

    /// <summary>
    /// A service's connection string to the broker as its own user, <paramref name="service"/>, whose password is
    /// <c>Parameters:{service}-messaging-password</c>: full rights on its own queues and exchanges, and writing only to
    /// the exchanges of the events <see cref="PublishedEvents"/> lists for it.
    /// </summary>
    public ReferenceExpression MessagingFor(string service)
    {
        var user = new ServiceMessaging(service, Secret($"{service}-messaging-password"), RabbitMQPermissions.ForService(
            service, PublishedEvents.ContractsNamespace + ":", PublishedEvents.ByService[service].Select(PublishedEvents.Exchange)));
        if (_rabbitLocal is not null)
        {
            return _rabbitLocal.Resource.ConnectionStringFor(user);
        }

        _brokerUsers.Add(user);
        var endpoint = _rabbitContainer!.Resource.PrimaryEndpoint;
        return ReferenceExpression.Create($"amqp://{user.User}:{user.Password:uri}@{endpoint.Property(EndpointProperty.Host)}:{endpoint.Property(EndpointProperty.Port)}");
    }

    private ParameterResource Secret(string name) =>
        _builder.AddParameter(name, new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true, persist: true).Resource;

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
