using ArPlatform.Collections.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Collections.Messages;

/// <summary>
/// A message waiting to go out, every tenant's in one table without row-level security (ids and times only, like the
/// outbox), so one dispatcher can find them all; the message itself stays under its tenant's row security.
/// </summary>
public sealed class QueuedMessage
{
    public Guid MessageId { get; set; }

    public Guid TenantId { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    public int Attempts { get; set; }
}

public static class MessageQueue
{
    /// <summary>Queues the message to be sent; one that failed already (its template exceeded its limits) is not.</summary>
    public static void Enqueue(CollectionsDbContext db, OutgoingMessage message)
    {
        if (message.Status == MessageStatuses.Queued)
        {
            db.Set<QueuedMessage>().Add(Entry(message));
        }
    }

    public static QueuedMessage Entry(OutgoingMessage message) => new() { MessageId = message.Id, TenantId = message.TenantId, NextAttemptAt = message.NextAttemptAt };

    /// <summary>The next messages due, claimed for a lease (another replica skips them; a dispatcher that dies releases them when it ends).</summary>
    public static Task<List<QueuedMessage>> ClaimAsync(CollectionsDbContext db, int limit, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken) =>
        db.Set<QueuedMessage>().FromSql($"""
            UPDATE message_queue q SET next_attempt_at = {now + lease}, attempts = q.attempts + 1
            FROM (SELECT message_id FROM message_queue WHERE next_attempt_at <= {now} ORDER BY next_attempt_at LIMIT {limit} FOR UPDATE SKIP LOCKED) due
            WHERE q.message_id = due.message_id
            RETURNING q.*
            """).AsNoTracking().ToListAsync(cancellationToken);

    /// <summary>The wait before the next attempt: doubling from 2 seconds up to 5 minutes.</summary>
    public static TimeSpan Backoff(int attempts) => TimeSpan.FromSeconds(Math.Min(300, Math.Pow(2, Math.Min(attempts, 9))));
}
