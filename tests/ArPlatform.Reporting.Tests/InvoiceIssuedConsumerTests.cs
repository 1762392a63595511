using ArPlatform.BuildingBlocks.Messaging;
using ArPlatform.BuildingBlocks.Persistence;
using ArPlatform.BuildingBlocks.Tenancy;
using ArPlatform.Contracts;
using ArPlatform.Reporting.Aging;
using ArPlatform.Reporting.Persistence;
using ArPlatform.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace ArPlatform.Reporting.Tests;

/// <summary>Reporting's consumer and database against real PostgreSQL and RabbitMQ.</summary>
public sealed class InvoiceIssuedConsumerTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>, IAsyncLifetime
{
    private static readonly Guid TenantA = Guid.CreateVersion7();
    private static readonly Guid TenantB = Guid.CreateVersion7();
    private IHost? _host;
    private TestDatabase _database = new("", "", "");

    public async Task InitializeAsync()
    {
        _database = await infrastructure.NewServiceDatabaseAsync("reporting");
        var vhost = await infrastructure.NewVirtualHostAsync();
        _host = await ServiceHost.StartAsync(
            new Dictionary<string, string?>(_database.ConnectionStrings("reportingdb")) { ["messaging"] = vhost },
            builder =>
            {
                builder.AddTenantDatabase<ReportingDbContext>("reportingdb");
                builder.AddMessaging("reporting", bus =>
                {
                    bus.AddConsumer<InvoiceIssuedConsumer>();
                    bus.AddBulkConsumer<InvoicesIssuedConsumer>();
                });
            });
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync();
            _host.Dispose();
        }
    }

    [Fact]
    public async Task A_message_delivered_twice_has_one_effect()
    {
        var bus = _host!.Services.GetRequiredService<IBus>();
        var message = Issued(TenantA, 5000m);
        var messageId = Guid.NewGuid();

        await bus.Publish(message, context => context.MessageId = messageId);
        await ServiceHost.EventuallyAsync(async () => await CountAsync(TenantA) == 1, "the first delivery to be applied");
        await bus.Publish(message, context => context.MessageId = messageId);
        // A different message after the duplicate: once it is applied, the duplicate has been handled too.
        await bus.Publish(Issued(TenantA, 1m));
        await ServiceHost.EventuallyAsync(async () => await CountAsync(TenantA) == 2, "the following message to be applied");

        using var scope = Scope(TenantA);
        var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
        Assert.Equal(5001m, await db.Receivables.SumAsync(r => r.Amount));
        Assert.Equal(1, await db.InboxMessages.CountAsync(m => m.MessageId == messageId));
    }

    [Fact]
    public async Task An_invoice_a_bulk_event_brings_again_is_kept_and_aged_once()
    {
        var bus = _host!.Services.GetRequiredService<IBus>();
        var known = Issued(TenantA, 700m);
        await bus.Publish(known);
        await ServiceHost.EventuallyAsync(async () => await CountAsync(TenantA) == 1, "the single invoice to be applied");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        Assert.Equal(700m, await SnapshotTotalAsync(TenantA, today)); // built now, so the bulk event below moves it

        // The bulk insert meets a row already there: it is redone skipping that row, and only the new one is aged.
        await bus.Publish(InvoiceBatchIssued.Of(TenantA, [known, Issued(TenantA, 300m)]));
        await ServiceHost.EventuallyAsync(async () => await CountAsync(TenantA) == 2, "the bulk event to be applied");

        using var scope = Scope(TenantA);
        Assert.Equal(1000m, await scope.ServiceProvider.GetRequiredService<ReportingDbContext>().Receivables.SumAsync(r => r.Amount));
        Assert.Equal(1000m, await SnapshotTotalAsync(TenantA, today));
    }

    [Fact]
    public async Task Row_level_security_keeps_tenants_apart_even_for_raw_sql_on_the_application_role()
    {
        await IssueOneInvoicePerTenantAsync(); // 10 for tenant A, 20 for tenant B

        var app = _database.App;
        Assert.Equal(10m, await RawSumAsync(app, TenantA.ToString()));
        Assert.Equal(20m, await RawSumAsync(app, TenantB.ToString()));
        Assert.Equal(0m, await RawSumAsync(app, "")); // no tenant set: no rows at all

        // Writing a row for another tenant is refused by the policy's WITH CHECK.
        await using var connection = new NpgsqlConnection(app);
        await connection.OpenAsync();
        await using (var set = new NpgsqlCommand($"SELECT set_config('app.tenant_id', '{TenantA}', false)", connection))
        {
            await set.ExecuteNonQueryAsync();
        }

        await using var insert = new NpgsqlCommand(
            "INSERT INTO receivables (invoice_id, tenant_id, customer_id, number, invoice_date, due_date, amount, currency) " +
            $"VALUES (gen_random_uuid(), '{TenantB}', gen_random_uuid(), 'X', '2026-01-01', '2026-01-31', 1, 'INR')", connection);
        var refused = await Assert.ThrowsAsync<PostgresException>(() => insert.ExecuteNonQueryAsync());
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);

        // And the application role cannot switch row-level security off.
        await using var bypass = new NpgsqlCommand("SET row_security = off; SELECT count(*) FROM receivables", connection);
        await Assert.ThrowsAsync<PostgresException>(() => bypass.ExecuteScalarAsync());
    }

    [Fact]
    public async Task A_pooled_connection_used_for_one_tenant_and_then_another_or_none_shows_each_only_its_own_rows()
    {
        await IssueOneInvoicePerTenantAsync(); // 10 for tenant A, 20 for tenant B

        // Raw SQL, so only row-level security filters; one after the other, so the pool hands out the same connection.
        async Task<decimal> SumAsync(Guid? tenant)
        {
            using var scope = _host!.Services.CreateScope();
            if (tenant is { } id)
            {
                scope.ServiceProvider.GetRequiredService<TenantContext>().Set(id);
            }

            var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
            return await db.Database.SqlQueryRaw<decimal>("SELECT coalesce(sum(amount), 0) AS \"Value\" FROM receivables").SingleAsync();
        }

        for (var round = 0; round < 3; round++)
        {
            Assert.Equal(10m, await SumAsync(TenantA));
            Assert.Equal(20m, await SumAsync(TenantB));
            Assert.Equal(0m, await SumAsync(null));
        }
    }

    [Fact]
    public async Task Replicas_starting_together_migrate_and_provision_one_at_a_time()
    {
        var database = await infrastructure.NewServiceDatabaseAsync("replicas");
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            DatabaseRegistration.ProvisionAsync<ReportingDbContext>(_host!.Services, database.Owner, database.App, CancellationToken.None)));

        await using var connection = new NpgsqlConnection(database.App);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM receivables", connection);
        Assert.Equal(0L, await command.ExecuteScalarAsync());
    }

    private async Task IssueOneInvoicePerTenantAsync()
    {
        var bus = _host!.Services.GetRequiredService<IBus>();
        await bus.Publish(Issued(TenantA, 10m));
        await bus.Publish(Issued(TenantB, 20m));
        await ServiceHost.EventuallyAsync(async () => await CountAsync(TenantA) >= 1 && await CountAsync(TenantB) >= 1, "both tenants' events");
    }

    private static InvoiceIssued Issued(Guid tenant, decimal amount) => new(
        tenant, Guid.CreateVersion7(), $"INV-{Guid.NewGuid():N}"[..20], Guid.CreateVersion7(),
        new DateOnly(2026, 9, 1), new DateOnly(2026, 10, 1), amount, "INR", DateTimeOffset.UtcNow);

    private IServiceScope Scope(Guid tenant)
    {
        var scope = _host!.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenant);
        return scope;
    }

    private async Task<int> CountAsync(Guid tenant)
    {
        using var scope = Scope(tenant);
        return await scope.ServiceProvider.GetRequiredService<ReportingDbContext>().Receivables.CountAsync();
    }

    private async Task<decimal> SnapshotTotalAsync(Guid tenant, DateOnly today)
    {
        using var scope = Scope(tenant);
        var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
        var (_, totals, _, _) = await AgingSnapshotQuery.LoadAsync(db, today, 0, TimeProvider.System);
        return totals.Sum();
    }

    private static async Task<decimal> RawSumAsync(string connectionString, string tenant)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"SELECT set_config('app.tenant_id', '{tenant}', false); SELECT coalesce(sum(amount), 0) FROM receivables", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.NextResultAsync();
        await reader.ReadAsync();
        return reader.GetDecimal(0);
    }
}
