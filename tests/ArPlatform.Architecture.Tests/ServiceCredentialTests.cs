using ArPlatform.BuildingBlocks.Messaging;
using ArPlatform.BuildingBlocks.Persistence;
using ArPlatform.Contracts;
using ArPlatform.Hosting;
using ArPlatform.Reporting.Persistence;
using ArPlatform.ServiceDefaults;
using ArPlatform.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace ArPlatform.Architecture.Tests;

/// <summary>
/// What a service is given to reach PostgreSQL and RabbitMQ cannot do more than that service needs (ADR 0026): neither
/// of its database roles reaches another service's database, bypasses row-level security or creates roles, the one it
/// runs as cannot change the schema, and its broker user cannot publish another service's events.
/// </summary>
public sealed class ServiceCredentialTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    private static readonly Guid TenantA = Guid.CreateVersion7();
    private static readonly Guid TenantB = Guid.CreateVersion7();

    /// <summary>A service's database, provisioned as the AppHost does it and migrated as the service does it.</summary>
    private async Task<TestDatabase> ServiceDatabaseAsync(string service)
    {
        var database = await infrastructure.NewServiceDatabaseAsync(service);
        await RowLevelSecurityTests.Databases[service](database);
        return database;
    }

    /// <summary>The connection strings the service is given: the one it runs with, and the one it migrates with.</summary>
    private static IEnumerable<(string Role, string ConnectionString)> Given(TestDatabase database) =>
        [("runtime", database.App), ("migrations", database.Owner)];

    [Fact]
    public async Task Neither_of_a_services_database_roles_reaches_another_services_database_bypasses_row_level_security_or_creates_roles()
    {
        var reporting = await ServiceDatabaseAsync("reporting");
        var invoices = await ServiceDatabaseAsync("invoices");
        await using (var app = await OpenAsync(reporting.App))
        {
            await InsertReceivableAsync(app, TenantA, 10m);
            await InsertReceivableAsync(app, TenantB, 20m);
        }

        foreach (var (role, connectionString) in Given(reporting))
        {
            var intoInvoices = new NpgsqlConnectionStringBuilder(connectionString) { Database = new NpgsqlConnectionStringBuilder(invoices.Admin).Database };
            var refused = await Assert.ThrowsAsync<PostgresException>(() => OpenAsync(intoInvoices.ConnectionString));
            Assert.True(refused.SqlState == PostgresErrorCodes.InsufficientPrivilege, $"{role}: {refused.MessageText}");
            var intoMaintenance = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres" };
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, (await Assert.ThrowsAsync<PostgresException>(() => OpenAsync(intoMaintenance.ConnectionString))).SqlState);

            await using var connection = await OpenAsync(connectionString);
            await SetTenantAsync(connection, TenantA);
            Assert.Equal(10m, await ScalarAsync(connection, "SELECT coalesce(sum(amount), 0) FROM receivables"));
            await SetTenantAsync(connection, null);
            Assert.Equal(0m, await ScalarAsync(connection, "SELECT coalesce(sum(amount), 0) FROM receivables"));
            var bypass = await Assert.ThrowsAsync<PostgresException>(() => ScalarAsync(connection, "SET row_security = off; SELECT count(*) FROM receivables"));
            Assert.True(bypass.SqlState == PostgresErrorCodes.InsufficientPrivilege, $"{role}: {bypass.MessageText}");
            await ExecuteAsync(connection, "SET row_security = on");
            var createRole = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(connection, "CREATE ROLE intruder SUPERUSER LOGIN"));
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, createRole.SqlState);
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege,
                (await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(connection, $"ALTER ROLE {new NpgsqlConnectionStringBuilder(connectionString).Username} BYPASSRLS"))).SqlState);
        }

        // The runtime role changes no schema: not a table's row-level security, not a policy, no new table.
        await using var runtime = await OpenAsync(reporting.App);
        foreach (var statement in new[]
        {
            "ALTER TABLE receivables NO FORCE ROW LEVEL SECURITY",
            "DROP POLICY tenant_isolation ON receivables",
            "CREATE TABLE stash (x int)",
            $"SELECT count(*) FROM \"{DatabaseRegistration.MigrationsHistoryTable}\"",
        })
        {
            var refused = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(runtime, statement));
            Assert.True(refused.SqlState == PostgresErrorCodes.InsufficientPrivilege, $"{statement}: {refused.SqlState} {refused.MessageText}");
        }
    }

    [Fact]
    public async Task A_database_an_earlier_version_migrated_as_the_superuser_is_handed_to_the_owner_role_at_the_next_start()
    {
        // What a developer's data folder holds from before: every table, sequence and function owned by the superuser.
        var database = await infrastructure.NewServiceDatabaseAsync("customers");
        await using (var context = new Customers.Persistence.CustomersDbContext(new DbContextOptionsBuilder<Customers.Persistence.CustomersDbContext>()
            .UseNpgsql(database.Admin, npgsql => npgsql.MigrationsHistoryTable(DatabaseRegistration.MigrationsHistoryTable)).Options))
        {
            await context.Database.MigrateAsync();
        }

        await infrastructure.ProvisionAgainAsync(database);
        await RowLevelSecurityTests.Databases["customers"](database);

        await using var admin = await OpenAsync(database.Admin);
        Assert.Equal(0L, await ScalarAsync(admin, $"""
            SELECT (SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relowner <> '{DatabaseRoles.OwnerRole(new NpgsqlConnectionStringBuilder(database.Owner).Database!)}'::regrole)
                 + (SELECT count(*) FROM pg_proc WHERE pronamespace = 'public'::regnamespace AND proowner <> '{DatabaseRoles.OwnerRole(new NpgsqlConnectionStringBuilder(database.Owner).Database!)}'::regrole)
            """));
    }

    [Fact]
    public async Task A_service_refuses_to_migrate_or_run_as_a_superuser()
    {
        var database = await infrastructure.NewServiceDatabaseAsync("reporting");
        var asSuperuser = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            DatabaseRegistration.ProvisionAsync<ReportingDbContext>(RowLevelSecurityTests.NoServices, database.Admin, database.App, CancellationToken.None));
        Assert.Contains("superuser", asSuperuser.Message, StringComparison.Ordinal);
        var runningAsSuperuser = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            DatabaseRegistration.ProvisionAsync<ReportingDbContext>(RowLevelSecurityTests.NoServices, database.Owner, database.Admin, CancellationToken.None));
        Assert.Contains("superuser", runningAsSuperuser.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_services_broker_user_runs_its_bus_and_publishes_its_own_events_and_is_refused_another_services()
    {
        var administrator = await infrastructure.NewVirtualHostAsync();
        var virtualHost = Uri.UnescapeDataString(new Uri(administrator).AbsolutePath.Trim('/'));
        var customers = await infrastructure.NewBrokerUserAsync(virtualHost, ResourceNames.Customers, RabbitMQPermissions.ForService(
            ResourceNames.Customers, PublishedEvents.ContractsNamespace + ":", PublishedEvents.ByService[ResourceNames.Customers].Select(PublishedEvents.Exchange)));

        // Customers' bus as its own user: its queue binds to Invoices' event, and what Invoices publishes arrives.
        var seen = new Seen();
        using var host = await ServiceHost.StartAsync(new Dictionary<string, string?> { [MessagingRegistration.ConnectionName] = customers }, builder =>
        {
            builder.Services.AddSingleton(seen);
            builder.AddMessaging(ResourceNames.Customers, bus => bus.AddConsumer<SeenConsumer>());
        });
        try
        {
            await using (var invoices = await AmqpAsync(administrator))
            {
                await invoices.Channel.BasicPublishAsync(PublishedEvents.Exchange(nameof(InvoiceIssued)), "", true, Json, Envelope(nameof(InvoiceIssued)));
            }

            await ServiceHost.EventuallyAsync(() => Task.FromResult(seen.Count > 0), "InvoiceIssued consumed by customers' bus");

            // Its own event, through its bus (which declares the exchange and waits for the broker's confirmation).
            await host.Services.GetRequiredService<IBus>().Publish(
                new CustomerRegistered(TenantA, Guid.NewGuid(), "C-1", "Kaveri Traders", null, DateTimeOffset.UnixEpoch));

            // Invoices' event, as customers' user: the broker refuses it and closes the channel.
            await using var forged = await AmqpAsync(customers);
            var refused = await Assert.ThrowsAnyAsync<Exception>(async () =>
            {
                await forged.Channel.BasicPublishAsync(PublishedEvents.Exchange(nameof(InvoiceIssued)), "", true, Json, Envelope(nameof(InvoiceIssued)));
                await Task.Delay(500); // the channel's close may come just after the publish's confirmation wait begins
                await forged.Channel.BasicPublishAsync(PublishedEvents.Exchange(nameof(InvoiceIssued)), "", true, Json, Envelope(nameof(InvoiceIssued)));
            });
            Assert.True(refused is AlreadyClosedException or OperationInterruptedException or RabbitMQ.Client.Exceptions.PublishException, refused.ToString());
            Assert.Equal((ushort)403, forged.Channel.CloseReason?.ReplyCode ?? 0);
            Assert.Contains("ACCESS_REFUSED", forged.Channel.CloseReason?.ReplyText, StringComparison.Ordinal);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static readonly BasicProperties Json = new() { ContentType = "application/vnd.masstransit+json" };

    private static ReadOnlyMemory<byte> Envelope(string type) => System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new
    {
        messageId = Guid.NewGuid(),
        messageType = new[] { $"urn:message:{PublishedEvents.ContractsNamespace}:{type}" },
        message = Events.InvoiceIssued(TenantA, "X-1", new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 31), 1m),
    }, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web));

    private sealed record Amqp(IConnection Connection, IChannel Channel) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Channel.DisposeAsync();
            await Connection.DisposeAsync();
        }
    }

    private static async Task<Amqp> AmqpAsync(string connectionString)
    {
        var connection = await new ConnectionFactory { Uri = new Uri(connectionString) }.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        return new Amqp(connection, channel);
    }

    public sealed class Seen
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public void Add() => Interlocked.Increment(ref _count);
    }

    public sealed class SeenConsumer(Seen seen) : IConsumer<InvoiceIssued>
    {
        public Task Consume(ConsumeContext<InvoiceIssued> context)
        {
            seen.Add();
            return Task.CompletedTask;
        }
    }

    private static async Task<NpgsqlConnection> OpenAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task SetTenantAsync(NpgsqlConnection connection, Guid? tenant)
    {
        await using var command = new NpgsqlCommand("SELECT set_config('app.tenant_id', @t, false)", connection);
        command.Parameters.AddWithValue("t", tenant?.ToString() ?? "");
        await command.ExecuteNonQueryAsync();
    }

    private static async Task InsertReceivableAsync(NpgsqlConnection connection, Guid tenant, decimal amount)
    {
        await SetTenantAsync(connection, tenant);
        await using var insert = new NpgsqlCommand(
            "INSERT INTO receivables (invoice_id, tenant_id, customer_id, number, invoice_date, due_date, amount, currency) " +
            "VALUES (gen_random_uuid(), @t, gen_random_uuid(), 'X', '2026-01-01', '2026-01-31', @a, 'INR')", connection);
        insert.Parameters.AddWithValue("t", tenant);
        insert.Parameters.AddWithValue("a", amount);
        await insert.ExecuteNonQueryAsync();
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
