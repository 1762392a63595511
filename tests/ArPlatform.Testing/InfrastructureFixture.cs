using Xunit;

namespace ArPlatform.Testing;

/// <summary>
/// A test class's share of the assembly's PostgreSQL, RabbitMQ and Redis (<see cref="SharedServers"/>, started by the
/// first class that asks): each test gets its own database and virtual host (<see cref="NewDatabaseAsync"/>,
/// <see cref="NewVirtualHostAsync"/>), so tests and test classes can run in parallel without seeing each other's data
/// or messages. What a class created is removed when the class is done.
/// </summary>
public sealed class InfrastructureFixture : IAsyncLifetime
{
    private readonly List<string> _databases = [];
    private readonly List<string> _virtualHosts = [];
    private readonly List<string> _users = [];
    private SharedServers? _servers;

    public ServerConnection Redis { get; private set; } = new("");

    public async Task InitializeAsync()
    {
        _servers = await SharedServers.GetAsync();
        Redis = new ServerConnection(_servers.Redis);
    }

    public async Task DisposeAsync()
    {
        if (_servers is null)
        {
            return;
        }

        List<string> databases, virtualHosts, users;
        lock (_databases)
        {
            (databases, virtualHosts, users) = ([.. _databases], [.. _virtualHosts], [.. _users]);
        }

        await _servers.DropDatabasesAsync(databases);
        await _servers.DeleteVirtualHostsAsync(virtualHosts);
        await _servers.DeleteUsersAsync(users);
    }

    /// <summary>A new empty database; returns its (administrator) connection string.</summary>
    public async Task<string> NewDatabaseAsync(string prefix = "test")
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..40];
        lock (_databases)
        {
            _databases.Add(name);
        }

        return await _servers!.CreateDatabaseAsync(name);
    }

    /// <summary>
    /// A new empty database with its owner and application roles, as the AppHost provisions a service's (ADR 0026): a
    /// service under test migrates as the owner and runs as the application role, each with its own password.
    /// </summary>
    public async Task<TestDatabase> NewServiceDatabaseAsync(string prefix = "test")
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..40];
        lock (_databases)
        {
            _databases.Add(name);
        }

        return await _servers!.CreateServiceDatabaseAsync(name);
    }

    /// <summary>Provisions a database's roles again, as the AppHost does at every start.</summary>
    public Task ProvisionAgainAsync(TestDatabase database) => _servers!.ProvisionAgainAsync(database);

    /// <summary>A user of the broker on <paramref name="virtualHost"/> with <paramref name="permissions"/>; returns its AMQP connection string.</summary>
    public async Task<string> NewBrokerUserAsync(string virtualHost, string prefix, Hosting.RabbitMQPermissions permissions)
    {
        var user = $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];
        lock (_databases)
        {
            _users.Add(user);
        }

        return await _servers!.CreateServiceUserAsync(virtualHost, user, permissions);
    }

    /// <summary>A new virtual host; returns the AMQP connection string into it.</summary>
    public async Task<string> NewVirtualHostAsync()
    {
        var vhost = "test-" + Guid.NewGuid().ToString("N")[..12];
        lock (_databases)
        {
            _virtualHosts.Add(vhost);
        }

        return await _servers!.CreateVirtualHostAsync(vhost);
    }
}

/// <summary>A server's connection string.</summary>
public sealed record ServerConnection(string ConnectionString)
{
    public string GetConnectionString() => ConnectionString;
}
