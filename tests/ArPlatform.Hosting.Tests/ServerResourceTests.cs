using Npgsql;
using RabbitMQ.Client;
using StackExchange.Redis;

namespace ArPlatform.Hosting.Tests;

/// <summary>Starts real PostgreSQL, RabbitMQ and Redis processes through the Hosting library and uses them.</summary>
public sealed class ServerResourceTests
{
    [Fact]
    public async Task Servers_start_healthy_answer_with_their_connection_strings_and_leave_no_process_behind()
    {
        var builder = DistributedApplicationBuilder.CreateForTesting();
        var postgres = builder.AddPostgres("postgres");
        postgres.AddDatabase("appdb");
        builder.AddRabbitMQ("messaging");
        builder.AddRedis("cache");
        var app = builder.Build();
        app.ConsoleOutput = false;
        List<int> pids;
        await using (app)
        {
            await app.StartAsync();
            pids = [.. app.Resources.OfType<IRunnableResource>().Select(r => r.ProcessId!.Value)];

            await using (var connection = new NpgsqlConnection(app.GetConnectionString("appdb")))
            {
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand("SELECT current_database()", connection);
                Assert.Equal("appdb", await command.ExecuteScalarAsync());
            }

            var rabbit = app.Resource<RabbitMQServerResource>("messaging");
            await rabbit.CreateVirtualHostAsync("test-vhost");
            var factory = new ConnectionFactory { Uri = new Uri(rabbit.GetConnectionString("test-vhost")) };
            await using (var amqp = await factory.CreateConnectionAsync())
            {
                Assert.True(amqp.IsOpen);
            }

            await using (var redis = await ConnectionMultiplexer.ConnectAsync(app.GetConnectionString("cache")))
            {
                await redis.GetDatabase().StringSetAsync("k", "v");
                Assert.Equal("v", (string?)await redis.GetDatabase().StringGetAsync("k"));
            }
        }

        Assert.All(pids, pid => Assert.Equal("", ManagedProcess.StartTimeOf(pid)));
    }

    [Fact]
    public async Task A_wrong_password_is_refused_by_postgres()
    {
        var builder = DistributedApplicationBuilder.CreateForTesting();
        builder.AddPostgres("postgres");
        await using var app = builder.Build();
        app.ConsoleOutput = false;
        await app.StartAsync();
        var wrong = new NpgsqlConnectionStringBuilder(app.GetConnectionString("postgres")) { Password = "not-the-password" };
        await using var connection = new NpgsqlConnection(wrong.ConnectionString);
        await Assert.ThrowsAsync<PostgresException>(() => connection.OpenAsync());
    }
}
