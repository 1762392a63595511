using ArPlatform.Hosting;
using Xunit;

namespace ArPlatform.Testing;

/// <summary>
/// Private PostgreSQL, RabbitMQ and Redis servers for one test project, started through the Hosting library on free
/// ports. Each test gets its own database and virtual host (<see cref="NewDatabaseAsync"/>, <see cref="NewVirtualHostAsync"/>),
/// so tests and test projects can run in parallel without seeing each other's data or messages.
/// </summary>
public sealed class InfrastructureFixture : IAsyncLifetime
{
    private DistributedApplication? _app;

    public PostgresServerResource Postgres => _app!.Resource<PostgresServerResource>("postgres");

    public RabbitMQServerResource RabbitMQ => _app!.Resource<RabbitMQServerResource>("messaging");

    public RedisResource Redis => _app!.Resource<RedisResource>("cache");

    public async Task InitializeAsync()
    {
        var builder = DistributedApplicationBuilder.CreateForTesting();
        builder.AddPostgres("postgres");
        builder.AddRabbitMQ("messaging");
        builder.AddRedis("cache");
        _app = builder.Build();
        _app.ConsoleOutput = false;
        await _app.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    /// <summary>A new empty database; returns its (administrator) connection string.</summary>
    public async Task<string> NewDatabaseAsync(string prefix = "test")
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..40];
        await Postgres.CreateDatabaseAsync(name);
        return $"{Postgres.GetConnectionString()};Database={name}";
    }

    /// <summary>A new virtual host; returns the AMQP connection string into it.</summary>
    public async Task<string> NewVirtualHostAsync()
    {
        var vhost = "test-" + Guid.NewGuid().ToString("N")[..12];
        await RabbitMQ.CreateVirtualHostAsync(vhost);
        return RabbitMQ.GetConnectionString(vhost);
    }
}
