using System.Diagnostics;
using System.Diagnostics.Metrics;
using ArPlatform.BuildingBlocks.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ArPlatform.BuildingBlocks.Messaging;

/// <summary>Wakes the relay as soon as a change with outbox rows has committed, instead of at the next poll.</summary>
public sealed class OutboxSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        if (_signal.CurrentCount == 0)
        {
            try
            {
                _signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already signalled.
            }
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
}

/// <summary>
/// Publishes outbox rows to the broker and marks them sent. Rows are claimed with FOR UPDATE SKIP LOCKED so replicas
/// share the work without publishing a row twice at once; a failed publish is retried with exponential back-off.
/// The outbox row id is the message id, so consumers' inboxes drop a row published twice (after a crash between
/// publish and commit).
/// </summary>
public sealed class OutboxRelay<TContext>(
    IServiceScopeFactory scopes,
    IBus bus,
    OutboxSignal signal,
    TimeProvider clock,
    ILogger<OutboxRelay<TContext>> logger) : BackgroundService
    where TContext : TenantDbContext
{
    private const int BatchSize = 200;
    private static readonly Meter Meter = new("ArPlatform.Outbox");
    private static readonly ActivitySource Tracing = new("ArPlatform.Outbox");
    private static readonly Counter<long> Published = Meter.CreateCounter<long>("outbox.published");
    private static readonly Counter<long> Failed = Meter.CreateCounter<long>("outbox.publish_failures");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            int handled;
            try
            {
                handled = await RelayBatchAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Outbox relay pass failed; retrying");
                handled = 0;
                await Task.Delay(TimeSpan.FromSeconds(2), clock, stoppingToken);
            }

            if (handled < BatchSize)
            {
                await signal.WaitAsync(TimeSpan.FromMilliseconds(500), stoppingToken);
            }
        }
    }

    public async Task<int> RelayBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var rows = await db.OutboxMessages
            .FromSql($"""
                SELECT * FROM outbox_messages
                WHERE sent_at IS NULL AND next_attempt_at <= {now}
                ORDER BY next_attempt_at, id
                LIMIT {BatchSize}
                FOR UPDATE SKIP LOCKED
                """)
            .ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return 0;
        }

        await Task.WhenAll(rows.Select(row => PublishAsync(row, cancellationToken)));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return rows.Count;
    }

    private async Task PublishAsync(OutboxMessage row, CancellationToken cancellationToken)
    {
        // Continue the trace of the request that made the change; MassTransit carries it on to the consumers.
        using var activity = row.TraceParent is { } traceParent && ActivityContext.TryParse(traceParent, null, out var parent)
            ? Tracing.StartActivity("outbox publish", ActivityKind.Producer, parent)
            : null;
        try
        {
            var type = Type.GetType(row.Type, throwOnError: true)!;
            var message = System.Text.Json.JsonSerializer.Deserialize(row.Body, type, OutboxModel.Json)!;
            await bus.Publish(message, type, context => context.MessageId = row.Id, cancellationToken);
            row.SentAt = clock.GetUtcNow();
            Published.Add(1);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            row.Attempts++;
            var backoff = TimeSpan.FromSeconds(Math.Min(Math.Pow(2, row.Attempts), 300));
            row.NextAttemptAt = clock.GetUtcNow() + backoff;
            row.LastError = e.Message.Length > 2000 ? e.Message[..2000] : e.Message;
            Failed.Add(1);
            logger.LogWarning(e, "Publishing outbox message {MessageId} ({Type}) failed, attempt {Attempt}; next try in {Backoff}",
                row.Id, row.Type, row.Attempts, backoff);
        }
    }
}
