using ArPlatform.Hosting;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Npgsql;

namespace ArPlatform.Testing;

/// <summary>
/// PostgreSQL, RabbitMQ and Redis for a whole test assembly: the AppHost's own local server resources, run by Aspire
/// (DCP) from a testing builder, their data in a temporary folder deleted afterwards. Started by the first test class
/// that asks (<see cref="InfrastructureFixture"/>) and stopped when the assembly's last test has run
/// (<see cref="SharedServersTestFramework"/>). Starting them once instead of once per test class saves a server start
/// and stop per class; tests stay apart because each gets its own database and virtual host.
/// </summary>
public sealed class SharedServers : IAsyncDisposable
{
    private static readonly Lock Gate = new();
    private static Task<SharedServers>? _running;

    private readonly string _directory;
    private readonly DistributedApplication _app;
    private readonly LocalPostgresResource _postgres;
    private readonly LocalRabbitMQResource _rabbit;

    private SharedServers(string directory, DistributedApplication app, LocalPostgresResource postgres, LocalRabbitMQResource rabbit, string redis)
    {
        (_directory, _app, _postgres, _rabbit) = (directory, app, postgres, rabbit);
        Redis = redis;
    }

    public string Redis { get; }

    /// <summary>The assembly's servers, started on the first call.</summary>
    public static Task<SharedServers> GetAsync()
    {
        if (!SharedServersTestFramework.InUse)
        {
            throw new InvalidOperationException(
                "Shared test servers are stopped by the test framework: add [assembly: TestFramework(SharedServersTestFramework.TypeName, " +
                "SharedServersTestFramework.AssemblyName)] to the test project, or its servers outlive the test run.");
        }

        lock (Gate)
        {
            return _running ??= StartAsync();
        }
    }

    /// <summary>Stops the servers if they were started (the end of the test assembly).</summary>
    public static async Task StopAsync()
    {
        Task<SharedServers>? running;
        lock (Gate)
        {
            (running, _running) = (_running, null);
        }

        if (running is { IsCompletedSuccessfully: false })
        {
            try
            {
                await running;
            }
            catch (Exception)
            {
                return; // the start failed (each test class asking has reported it): nothing is running
            }
        }

        if (running is not null)
        {
            await (await running).DisposeAsync();
        }
    }

    private static async Task<SharedServers> StartAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "arplatform-test-" + Guid.NewGuid().ToString("N")[..12]);
        var builder = DistributedApplicationTestingBuilder.Create([], (options, _) => options.DisableDashboard = true);
        var settings = new LocalServerSettings(directory, Durable: false);
        var postgres = builder.AddLocalPostgres("postgres", settings).Resource;
        var rabbit = builder.AddLocalRabbitMQ("messaging", settings).Resource;
        var redis = builder.AddLocalRedis("cache", settings).Resource;
        var app = await builder.BuildAsync();
        await AppStartup.StartHealthyAsync(app, TimeSpan.FromMinutes(3), "postgres", "messaging", "cache");
        return new SharedServers(directory, app, postgres, rabbit, await redis.ConnectionStringExpression.GetValueAsync(default) ?? "");
    }

    /// <summary>
    /// A new empty database with its owner and application roles, provisioned as the AppHost does it (each role with a
    /// password of its own; ADR 0026).
    /// </summary>
    public async Task<TestDatabase> CreateServiceDatabaseAsync(string name)
    {
        var server = await _postgres.ConnectionStringExpression.GetValueAsync(default) ?? "";
        var (owner, app) = (DatabaseRoles.NewPassword(), DatabaseRoles.NewPassword());
        await using (var connection = new NpgsqlConnection($"{server};Database=postgres;Pooling=false"))
        {
            await connection.OpenAsync();
            await DatabaseRoles.ProvisionAsync(connection, server, name, owner, app);
        }

        var csb = new NpgsqlConnectionStringBuilder(server) { Database = name };
        string As(string user, string password) => new NpgsqlConnectionStringBuilder(csb.ConnectionString) { Username = user, Password = password }.ConnectionString;
        return new TestDatabase(csb.ConnectionString, As(DatabaseRoles.OwnerRole(name), owner), As(DatabaseRoles.AppRole(name), app));
    }

    /// <summary>Provisions a database's roles again, as the AppHost does at every start (the same passwords).</summary>
    public async Task ProvisionAgainAsync(TestDatabase database)
    {
        var server = await _postgres.ConnectionStringExpression.GetValueAsync(default) ?? "";
        var (owner, app) = (new NpgsqlConnectionStringBuilder(database.Owner), new NpgsqlConnectionStringBuilder(database.App));
        await using var connection = new NpgsqlConnection($"{server};Database=postgres;Pooling=false");
        await connection.OpenAsync();
        await DatabaseRoles.ProvisionAsync(connection, server, owner.Database!, owner.Password!, app.Password!);
    }

    /// <summary>A new empty database; returns its (administrator) connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        var server = await _postgres.ConnectionStringExpression.GetValueAsync(default);
        await using (var connection = new NpgsqlConnection($"{server};Database=postgres;Pooling=false"))
        {
            await connection.OpenAsync();
            await LocalPostgres.CreateDatabaseAsync(connection, name);
        }

        return $"{server};Database={name}";
    }

    /// <summary>
    /// Drops databases with whatever sessions are still open on them, so that the idle connections a
    /// finished test's pools keep do not add up to the server's limit over a whole assembly.
    /// </summary>
    public async Task DropDatabasesAsync(IEnumerable<string> names)
    {
        var server = await _postgres.ConnectionStringExpression.GetValueAsync(default);
        await using var connection = new NpgsqlConnection($"{server};Database=postgres;Pooling=false");
        await connection.OpenAsync();
        foreach (var name in names)
        {
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name.Replace("\"", "\"\"")}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
            await DatabaseRoles.DropAsync(connection, name);
        }
    }

    /// <summary>A new virtual host; returns the AMQP connection string into it.</summary>
    public async Task<string> CreateVirtualHostAsync(string vhost)
    {
        await _rabbit.CreateVirtualHostAsync(vhost);
        var password = await _rabbit.PasswordParameter.GetValueAsync(default);
        var port = _rabbit.PrimaryEndpoint.Port;
        return $"amqp://{LocalRabbitMQResource.UserName}:{Uri.EscapeDataString(password ?? "")}@127.0.0.1:{port}/{vhost}";
    }

    /// <summary>
    /// A service's own user on <paramref name="vhost"/>, with the permissions the AppHost gives it (ADR 0026); returns
    /// the AMQP connection string as that user.
    /// </summary>
    public async Task<string> CreateServiceUserAsync(string vhost, string user, RabbitMQPermissions permissions)
    {
        var password = DatabaseRoles.NewPassword();
        using (var http = await _rabbit.ManagementClientAsync())
        {
            await LocalRabbitMQExtensions.PutUserAsync(http, user, password, vhost, permissions);
        }

        return $"amqp://{Uri.EscapeDataString(user)}:{password}@127.0.0.1:{_rabbit.PrimaryEndpoint.Port}/{vhost}";
    }

    /// <summary>Deletes broker users.</summary>
    public async Task DeleteUsersAsync(IEnumerable<string> users)
    {
        using var http = await _rabbit.ManagementClientAsync();
        foreach (var user in users)
        {
            using var response = await http.DeleteAsync($"api/users/{Uri.EscapeDataString(user)}");
        }
    }

    /// <summary>Deletes virtual hosts with their queues and connections.</summary>
    public async Task DeleteVirtualHostsAsync(IEnumerable<string> vhosts)
    {
        using var http = await _rabbit.ManagementClientAsync();
        foreach (var vhost in vhosts)
        {
            using var response = await http.DeleteAsync($"api/vhosts/{Uri.EscapeDataString(vhost)}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A server still closing its files: the temporary folder goes with the machine.
        }
    }
}

/// <summary>A test's database: the superuser's connection (for the test to look under row-level security), and the
/// owner's and the application role's, which a service under test is given.</summary>
public sealed record TestDatabase(string Admin, string Owner, string App)
{
    /// <summary>The connection strings a service reads for it: ConnectionStrings:{name} and ConnectionStrings:{name}-migrations.</summary>
    public Dictionary<string, string?> ConnectionStrings(string name) => new() { [name] = App, [$"{name}-migrations"] = Owner };
}
