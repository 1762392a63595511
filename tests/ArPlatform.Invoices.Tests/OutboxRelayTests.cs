using System.Collections.Concurrent;
using ArPlatform.BuildingBlocks.Messaging;
using ArPlatform.BuildingBlocks.Persistence;
using ArPlatform.BuildingBlocks.Tenancy;
using ArPlatform.Contracts;
using ArPlatform.Invoices.Invoices;
using ArPlatform.Invoices.Persistence;
using ArPlatform.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ArPlatform.Invoices.Tests;

/// <summary>The transactional outbox of the invoices service against real PostgreSQL and RabbitMQ.</summary>
public sealed class OutboxRelayTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>, IAsyncLifetime
{
    private readonly Guid _tenant = Guid.CreateVersion7();
    private IHost? _host;

    public async Task InitializeAsync()
    {
        var database = await infrastructure.NewServiceDatabaseAsync("invoices");
        var vhost = await infrastructure.NewVirtualHostAsync();
        _host = await ServiceHost.StartAsync(
            new Dictionary<string, string?>(database.ConnectionStrings("invoicesdb")) { ["messaging"] = vhost },
            builder =>
            {
                builder.Services.AddSingleton<Received>();
                builder.AddTenantDatabase<InvoicesDbContext>("invoicesdb");
                builder.AddMessaging("invoices-test", bus => bus.AddConsumer<RecordingConsumer>());
                builder.AddOutboxRelay<InvoicesDbContext>();
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
    public async Task A_committed_change_is_published_once_with_the_outbox_row_id_as_message_id()
    {
        var invoiceId = await IssueAsync("INV-100", commit: true);

        var received = _host!.Services.GetRequiredService<Received>();
        await ServiceHost.EventuallyAsync(() => Task.FromResult(received.Messages.Any(m => m.Message.InvoiceId == invoiceId)), "the event to arrive");
        using var scope = Scope();
        var db = scope.ServiceProvider.GetRequiredService<InvoicesDbContext>();
        var row = await db.OutboxMessages.SingleAsync();
        await ServiceHost.EventuallyAsync(async () => (await db.OutboxMessages.AsNoTracking().SingleAsync()).SentAt is not null, "the row to be marked sent");
        var message = received.Messages.Single(m => m.Message.InvoiceId == invoiceId);
        Assert.Equal(row.Id, message.MessageId);
        Assert.Equal(_tenant, message.Message.TenantId);
        Assert.Equal(118000.50m, message.Message.Amount);
    }

    [Fact]
    public async Task The_trace_of_the_change_continues_through_the_broker_to_the_consumer()
    {
        using var listener = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = source => source.Name.StartsWith("ArPlatform", StringComparison.Ordinal) || source.Name.StartsWith("MassTransit", StringComparison.Ordinal) || source.Name == "test",
            Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) => System.Diagnostics.ActivitySamplingResult.AllDataAndRecorded,
        };
        System.Diagnostics.ActivitySource.AddActivityListener(listener);
        using var source = new System.Diagnostics.ActivitySource("test");

        Guid invoiceId;
        System.Diagnostics.ActivityTraceId traceId;
        using (var request = source.StartActivity("POST /api/v1/invoices"))
        {
            traceId = request!.TraceId;
            invoiceId = await IssueAsync("INV-TRACE", commit: true);
        }

        var received = _host!.Services.GetRequiredService<Received>();
        await ServiceHost.EventuallyAsync(() => Task.FromResult(received.Messages.Any(m => m.Message.InvoiceId == invoiceId)), "the event to arrive");
        Assert.Equal(traceId.ToString(), received.TraceIds[invoiceId]);
    }

    [Fact]
    public async Task A_rolled_back_change_publishes_nothing()
    {
        await IssueAsync("INV-200", commit: false);
        var committed = await IssueAsync("INV-201", commit: true);

        var received = _host!.Services.GetRequiredService<Received>();
        await ServiceHost.EventuallyAsync(() => Task.FromResult(received.Messages.Any(m => m.Message.InvoiceId == committed)), "the committed event");
        Assert.DoesNotContain(received.Messages, m => m.Message.Number == "INV-200");
    }

    [Fact]
    public async Task A_row_that_cannot_be_published_is_retried_later_and_does_not_hold_up_the_others()
    {
        using (var scope = Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<InvoicesDbContext>();
            db.OutboxMessages.Add(new OutboxMessage
            {
                Id = Guid.CreateVersion7(),
                Type = "ArPlatform.Contracts.NoSuchEvent, ArPlatform.Contracts",
                Body = "{}",
                TenantId = _tenant,
                OccurredAt = DateTimeOffset.UtcNow,
                NextAttemptAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync();
        }

        var good = await IssueAsync("INV-300", commit: true);
        var received = _host!.Services.GetRequiredService<Received>();
        await ServiceHost.EventuallyAsync(() => Task.FromResult(received.Messages.Any(m => m.Message.InvoiceId == good)), "the good event");

        using var check = Scope();
        var outbox = check.ServiceProvider.GetRequiredService<InvoicesDbContext>();
        await ServiceHost.EventuallyAsync(() => outbox.OutboxMessages.AsNoTracking().AnyAsync(m => m.Attempts > 0), "the failed attempt to be recorded");
        var failed = await outbox.OutboxMessages.AsNoTracking().SingleAsync(m => m.Attempts > 0);
        Assert.Null(failed.SentAt);
        Assert.True(failed.Attempts >= 1);
        Assert.True(failed.NextAttemptAt > DateTimeOffset.UtcNow);
        Assert.Contains("NoSuchEvent", failed.LastError);
    }

    private async Task<Guid> IssueAsync(string number, bool commit)
    {
        using var scope = Scope();
        var db = scope.ServiceProvider.GetRequiredService<InvoicesDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var invoice = new Invoice
        {
            Id = Guid.CreateVersion7(),
            Number = number,
            CustomerId = Guid.CreateVersion7(),
            InvoiceDate = new DateOnly(2026, 9, 1),
            DueDate = new DateOnly(2026, 10, 1),
            Amount = 118000.50m,
            Currency = "INR",
            CreatedAt = DateTimeOffset.UtcNow,
        };
        db.Invoices.Add(invoice);
        db.AddToOutbox(new InvoiceIssued(_tenant, invoice.Id, number, invoice.CustomerId, invoice.InvoiceDate, invoice.DueDate,
            invoice.Amount, invoice.Currency, invoice.CreatedAt));
        await db.SaveChangesAsync();
        if (commit)
        {
            await transaction.CommitAsync();
        }
        else
        {
            await transaction.RollbackAsync();
        }

        return invoice.Id;
    }

    private IServiceScope Scope()
    {
        var scope = _host!.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(_tenant);
        return scope;
    }

    public sealed class Received
    {
        public ConcurrentBag<(Guid? MessageId, InvoiceIssued Message)> Messages { get; } = [];

        public ConcurrentDictionary<Guid, string?> TraceIds { get; } = new();
    }

    public sealed class RecordingConsumer(Received received) : IConsumer<InvoiceIssued>
    {
        public Task Consume(ConsumeContext<InvoiceIssued> context)
        {
            received.TraceIds[context.Message.InvoiceId] = System.Diagnostics.Activity.Current?.TraceId.ToString();
            received.Messages.Add((context.MessageId, context.Message));
            return Task.CompletedTask;
        }
    }
}
