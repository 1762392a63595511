using ArPlatform.BuildingBlocks.Persistence;
using ArPlatform.BuildingBlocks.Tenancy;
using ArPlatform.Contracts;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ArPlatform.BuildingBlocks.Messaging;

/// <summary>
/// A consumer whose effect happens at most once per message id: the inbox row and the effect commit in one
/// transaction, so a redelivery finds the row and does nothing. It acts in the event's tenant. A failure throws,
/// so MassTransit retries and then moves the message to the error queue; nothing is acknowledged before it is durable.
/// </summary>
public abstract class IdempotentConsumer<TMessage, TContext>(TContext db, TenantContext tenant, ILogger logger) : IConsumer<TMessage>
    where TMessage : class, IIntegrationEvent
    where TContext : TenantDbContext
{
    protected TContext Db => db;

    protected ILogger Logger => logger;

    public async Task Consume(ConsumeContext<TMessage> context)
    {
        var messageId = context.MessageId ?? throw new InvalidOperationException("A message without a message id cannot be de-duplicated.");
        tenant.Set(context.Message.TenantId);
        var consumer = GetType().Name;
        var now = context.GetServiceOrCreateInstance<TimeProvider>().GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(context.CancellationToken);
        var inserted = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO inbox_messages (message_id, consumer, processed_at) VALUES ({messageId}, {consumer}, {now})
            ON CONFLICT DO NOTHING
            """, context.CancellationToken);
        if (inserted == 0)
        {
            logger.LogInformation("Message {MessageId} was already processed by {Consumer}; skipped", messageId, consumer);
            return;
        }

        await HandleAsync(context.Message, context.CancellationToken);
        await db.SaveChangesAsync(context.CancellationToken);
        await transaction.CommitAsync(context.CancellationToken);
    }

    protected abstract Task HandleAsync(TMessage message, CancellationToken cancellationToken);
}
