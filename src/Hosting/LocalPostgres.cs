using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace ArPlatform.Hosting;

/// <summary>A PostgreSQL server run by DCP from the Debian package, its cluster in the data folder.</summary>
public sealed class LocalPostgresResource(string name, string command, string directory, ParameterResource password)
    : ExecutableResource(name, command, directory), IResourceWithConnectionString
{
    internal const string EndpointName = "tcp";
    private readonly Dictionary<string, LocalPostgresDatabaseResource> _databases = new(StringComparer.Ordinal);

    public ParameterResource PasswordParameter { get; } = password;

    public string Directory { get; } = directory;

    public string DataPath => Path.Combine(Directory, "data");

    public string SocketPath => Path.Combine(Directory, "socket");

    public EndpointReference PrimaryEndpoint => new(this, EndpointName);

    /// <summary>Database resource name to database.</summary>
    public IReadOnlyDictionary<string, LocalPostgresDatabaseResource> Databases => _databases;

    /// <summary>The roles and grants are in place since the server's last start (they are provisioned once a start).</summary>
    internal bool Provisioned { get; set; }

    /// <summary>The superuser's connection string (for the AppHost and test fixtures only; no service ever gets it).</summary>

    // 127.0.0.1, not the endpoint's "localhost": the server listens on IPv4 loopback only.
    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"Host=127.0.0.1;Port={PrimaryEndpoint.Property(EndpointProperty.Port)};Username=postgres;Password={PasswordParameter}");

    internal void AddDatabase(LocalPostgresDatabaseResource database) => _databases[database.Name] = database;
}

/// <summary>
/// A database of a <see cref="LocalPostgresResource"/> with its owner and application roles (ADR 0026), created and
/// provisioned when the server is first healthy. Its own connection string is the superuser's, for the AppHost: a
/// service gets <see cref="ServiceDatabase.App"/> and <see cref="ServiceDatabase.Migrations"/> instead.
/// </summary>
public sealed class LocalPostgresDatabaseResource(string name, string databaseName, LocalPostgresResource parent, ParameterResource ownerPassword, ParameterResource appPassword)
    : Resource(name), IResourceWithParent<LocalPostgresResource>, IResourceWithConnectionString, IResourceWithWaitSupport
{
    public LocalPostgresResource Parent { get; } = parent;

    public string DatabaseName { get; } = databaseName;

    public ParameterResource OwnerPassword { get; } = ownerPassword;

    public ParameterResource AppPassword { get; } = appPassword;

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"{Parent};Database={DatabaseName}");

    /// <summary>The connection strings a service is given for this database.</summary>
    public ServiceDatabase ForService() => ServiceDatabase.Create(
        ReferenceExpression.Create($"Host=127.0.0.1;Port={Parent.PrimaryEndpoint.Property(EndpointProperty.Port)}"), DatabaseName, OwnerPassword, AppPassword);
}

public static class LocalPostgresExtensions
{
    /// <summary>
    /// A PostgreSQL server as a local process (as the user postgres when the AppHost runs as root). The cluster is
    /// created on first start; the password parameter is applied on every start over the local socket, so a changed
    /// password never locks the platform out of its data.
    /// </summary>
    public static IResourceBuilder<LocalPostgresResource> AddLocalPostgres(this IDistributedApplicationBuilder builder, string name, LocalServerSettings settings)
    {
        var password = ParameterResourceBuilderExtensions.CreateDefaultPasswordParameter(builder, $"{name}-password", special: false);
        builder.AddResource(password);
        var port = Ports.Free();
        var directory = Path.Combine(settings.DataDirectory, name);
        var postgres = Prerequisites.PostgresBin("postgres");
        var root = Environment.IsPrivilegedProcess;
        var server = new LocalPostgresResource(name, root ? "/usr/bin/setpriv" : postgres, directory, password);

        List<string> args =
        [
            "-D", server.DataPath, "-p", port.ToString(CultureInfo.InvariantCulture),
            "-c", "listen_addresses=127.0.0.1", "-c", $"unix_socket_directories={server.SocketPath}",
            "-c", "max_connections=500", "-c", "shared_buffers=256MB",
        ];
        args.AddRange(settings.Durable
            // Bulk imports write every invoice to five databases: fewer checkpoints and compressed full pages (ADR 0009).
            ? ["-c", "max_wal_size=8GB", "-c", "checkpoint_timeout=15min", "-c", "wal_compression=lz4"]
            : ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]);

        builder.Eventing.Subscribe<BeforeResourceStartedEvent>(server, async (_, ct) =>
        {
            server.Provisioned = false;
            await InitialiseAsync(server, settings, password, ct);
        });

        var healthCheck = $"{name}_check";
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(healthCheck, _ => new LocalPostgresHealthCheck(server, port), null, null));
        builder.Eventing.Subscribe<ResourceReadyEvent>(server, async (e, ct) =>
        {
            var notifications = e.Services.GetRequiredService<ResourceNotificationService>();
            foreach (var database in builder.Resources.OfType<LocalPostgresDatabaseResource>().Where(d => d.Parent == server))
            {
                await notifications.PublishUpdateAsync(database, s => s with { State = KnownResourceStates.Running });
            }
        });

        return builder.AddResource(server)
            .WithArgs(root ? ["--reuid=postgres", "--regid=postgres", "--init-groups", "--", postgres, .. args] : [.. args])
            .WithEndpoint(port: port, targetPort: port, name: LocalPostgresResource.EndpointName, scheme: "tcp", isProxied: false)
            .WithIconName("DatabaseMultiple")
            .WithHealthCheck(healthCheck)
            .ExcludeFromManifest();
    }

    /// <summary>A database and its two roles, whose passwords are <paramref name="ownerPassword"/> and <paramref name="appPassword"/>.</summary>
    public static IResourceBuilder<LocalPostgresDatabaseResource> AddDatabase(
        this IResourceBuilder<LocalPostgresResource> builder, string name, ParameterResource ownerPassword, ParameterResource appPassword)
    {
        var database = new LocalPostgresDatabaseResource(name, name, builder.Resource, ownerPassword, appPassword);
        builder.Resource.AddDatabase(database);
        return builder.ApplicationBuilder.AddResource(database)
            .WithInitialState(new CustomResourceSnapshot { ResourceType = "PostgresDatabase", Properties = [], State = KnownResourceStates.Waiting })
            .ExcludeFromManifest();
    }

    /// <summary>
    /// Creates the cluster on first start. As root the server runs as postgres: it may pass through the data folder
    /// (group postgres, no read: 0710) into a folder of its own; nobody else may enter either.
    /// </summary>
    private static async Task InitialiseAsync(LocalPostgresResource server, LocalServerSettings settings, ParameterResource password, CancellationToken ct)
    {
        var root = Environment.IsPrivilegedProcess;
        PrivateFiles.CreateFolder(settings.DataDirectory);
        if (root)
        {
            await Commands.RunAsync("/usr/bin/install", ["-d", "-g", "postgres", "-m", "710", settings.DataDirectory], ct);
            await Commands.RunAsync("/usr/bin/install", ["-d", "-o", "postgres", "-g", "postgres", "-m", "700", server.Directory], ct);
            await Commands.RunAsync("/usr/bin/install", ["-d", "-o", "postgres", "-g", "postgres", "-m", "700", server.DataPath], ct);
            await Commands.RunAsync("/usr/bin/install", ["-d", "-o", "postgres", "-g", "postgres", "-m", "755", server.SocketPath], ct);
        }
        else
        {
            PrivateFiles.CreateFolder(server.Directory);
            PrivateFiles.CreateFolder(server.DataPath);
            System.IO.Directory.CreateDirectory(server.SocketPath);
        }

        if (File.Exists(Path.Combine(server.DataPath, "PG_VERSION")))
        {
            return;
        }

        var pwfile = Path.Combine(server.Directory, "initdb.pw");
        await PrivateFiles.WriteAllTextAsync(pwfile, await password.GetValueAsync(ct) ?? "", ct);
        try
        {
            var initdb = Prerequisites.PostgresBin("initdb");
            string[] initArgs = ["-D", server.DataPath, "-U", "postgres", "--pwfile", pwfile, "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8"];
            if (root)
            {
                await Commands.RunAsync("/usr/bin/chown", ["postgres:postgres", pwfile], ct);
                await Commands.RunAsync("/usr/bin/setpriv", ["--reuid=postgres", "--regid=postgres", "--init-groups", "--", initdb, .. initArgs], ct);
            }
            else
            {
                await Commands.RunAsync(initdb, initArgs, ct);
            }
        }
        finally
        {
            File.Delete(pwfile);
        }
    }
}

/// <summary>
/// Healthy once the server answers over its socket and, once a start, has taken the password parameter and has the
/// databases with their roles (<see cref="DatabaseRoles"/>), so that dependants waiting for it find all of them.
/// </summary>
internal sealed class LocalPostgresHealthCheck(LocalPostgresResource server, int port) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var admin = $"Host={server.SocketPath};Port={port};Username=postgres;Database=postgres;Pooling=false;Timeout=2";
            await using var connection = new NpgsqlConnection(admin);
            await connection.OpenAsync(cancellationToken);
            if (server.Provisioned)
            {
                return HealthCheckResult.Healthy();
            }

            var password = await server.PasswordParameter.GetValueAsync(cancellationToken) ?? "";
            await using (var alter = new NpgsqlCommand($"ALTER ROLE postgres PASSWORD '{DatabaseRoles.ScramVerifier(password)}'", connection))
            {
                await alter.ExecuteNonQueryAsync(cancellationToken);
            }

            await DatabaseRoles.CloseMaintenanceDatabasesAsync(connection, cancellationToken);
            foreach (var database in server.Databases.Values)
            {
                await DatabaseRoles.ProvisionAsync(connection, admin, database.DatabaseName,
                    await database.OwnerPassword.GetValueAsync(cancellationToken) ?? "", await database.AppPassword.GetValueAsync(cancellationToken) ?? "", cancellationToken);
            }

            server.Provisioned = true;
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException or IOException)
        {
            return HealthCheckResult.Unhealthy(e.Message);
        }
    }
}

public static class LocalPostgres
{
    /// <summary>Creates a database unless it exists (tests use one database per test).</summary>
    public static async Task CreateDatabaseAsync(NpgsqlConnection connection, string databaseName, CancellationToken cancellationToken = default)
    {
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @n", connection);
        exists.Parameters.AddWithValue("n", databaseName);
        if (await exists.ExecuteScalarAsync(cancellationToken) is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{databaseName.Replace("\"", "\"\"")}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
