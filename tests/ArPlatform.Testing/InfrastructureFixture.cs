using ArPlatform.Hosting;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Npgsql;
using Xunit;

namespace ArPlatform.Testing;

/// <summary>
/// Private PostgreSQL, RabbitMQ and Redis servers for one test project: the AppHost's own local server resources,
/// run by Aspire (DCP) from a testing builder, their data in a temporary folder deleted afterwards. Each test gets its
/// own database and virtual host (<see cref="NewDatabaseAsync"/>, <see cref="NewVirtualHostAsync"/>), so tests and
/// test projects can run in parallel without seeing each other's data or messages.
/// </summary>
public sealed class InfrastructureFixture : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "arplatform-test-" + Guid.NewGuid().ToString("N")[..12]);
    private DistributedApplication? _app;
    private LocalPostgresResource? _postgres;
    private LocalRabbitMQResource? _rabbit;

    public ServerConnection Redis { get; private set; } = new("");

    public async Task InitializeAsync()
    {
        var builder = DistributedApplicationTestingBuilder.Create([], (options, _) => options.DisableDashboard = true);
        var settings = new LocalServerSettings(_directory, Durable: false);
        _postgres = builder.AddLocalPostgres("postgres", settings).Resource;
        _rabbit = builder.AddLocalRabbitMQ("messaging", settings).Resource;
        var redis = builder.AddLocalRedis("cache", settings).Resource;
        _app = await builder.BuildAsync();
        await AppStartup.StartHealthyAsync(_app, TimeSpan.FromMinutes(3), "postgres", "messaging", "cache");
        Redis = new ServerConnection(await redis.ConnectionStringExpression.GetValueAsync(default) ?? "");
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A server still closing its files: the temporary folder goes with the machine.
        }
    }

    /// <summary>A new empty database; returns its (administrator) connection string.</summary>
    public async Task<string> NewDatabaseAsync(string prefix = "test")
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..40];
        var server = await _postgres!.ConnectionStringExpression.GetValueAsync(default);
        await using (var connection = new NpgsqlConnection($"{server};Database=postgres;Pooling=false"))
        {
            await connection.OpenAsync();
            await LocalPostgres.CreateDatabaseAsync(connection, name);
        }

        return $"{server};Database={name}";
    }

    /// <summary>A new virtual host; returns the AMQP connection string into it.</summary>
    public async Task<string> NewVirtualHostAsync()
    {
        var vhost = "test-" + Guid.NewGuid().ToString("N")[..12];
        await _rabbit!.CreateVirtualHostAsync(vhost);
        var password = await _rabbit!.PasswordParameter.GetValueAsync(default);
        var port = _rabbit.PrimaryEndpoint.Port;
        return $"amqp://{LocalRabbitMQResource.UserName}:{Uri.EscapeDataString(password ?? "")}@127.0.0.1:{port}/{vhost}";
    }
}

/// <summary>A server's connection string.</summary>
public sealed record ServerConnection(string ConnectionString)
{
    public string GetConnectionString() => ConnectionString;
}
