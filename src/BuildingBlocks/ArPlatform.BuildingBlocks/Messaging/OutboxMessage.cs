using System.Text.Json;
using ArPlatform.Contracts;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.BuildingBlocks.Messaging;

/// <summary>An event waiting to be published; written in the same transaction as the change it describes.</summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; }

    public required string Type { get; set; }

    public required string Body { get; set; }

    public Guid? TenantId { get; set; }

    public DateTimeOffset OccurredAt { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    /// <summary>W3C trace context of the change, so the trace continues through the broker to the consumers.</summary>
    public string? TraceParent { get; set; }
}

/// <summary>A message a consumer has processed; recorded in the same transaction as its effect.</summary>
public sealed class InboxMessage
{
    public Guid MessageId { get; set; }

    public required string Consumer { get; set; }

    public DateTimeOffset ProcessedAt { get; set; }
}

public static class OutboxModel
{
    /// <summary>How event bodies are stored until relayed: nulls are left out (they read back as null), which keeps bulk events small.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    internal static void ApplyOutboxAndInbox(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<OutboxMessage>(e =>
        {
            e.ToTable("outbox_messages");
            e.HasKey(m => m.Id);
            e.Property(m => m.Type).HasMaxLength(500);
            // Text, not jsonb: the relay only reads the body back whole, and a bulk import's large event is far cheaper to
            // store as lz4-compressed text than to parse as jsonb and compress with pglz (ADR 0003).
            e.Property(m => m.Body).HasColumnType("text").UseCompressionMethod("lz4");
            e.Property(m => m.TraceParent).HasMaxLength(100);
            e.HasIndex(m => m.NextAttemptAt).HasFilter("sent_at IS NULL").HasDatabaseName("ix_outbox_messages_pending");
        });
        modelBuilder.Entity<InboxMessage>(e =>
        {
            e.ToTable("inbox_messages");
            e.HasKey(m => new { m.MessageId, m.Consumer });
            e.Property(m => m.Consumer).HasMaxLength(300);
        });
    }

    /// <summary>Adds <paramref name="event"/> to the outbox; it is published after SaveChanges commits.</summary>
    public static void AddToOutbox<TEvent>(this DbContext context, TEvent @event, TimeProvider? clock = null) where TEvent : class, IIntegrationEvent =>
        context.Set<OutboxMessage>().Add(ToOutbox(@event, clock));

    /// <summary>The outbox row of <paramref name="event"/>, for a caller that inserts many rows itself, in its own transaction.</summary>
    public static OutboxMessage ToOutbox<TEvent>(TEvent @event, TimeProvider? clock = null) where TEvent : class, IIntegrationEvent
    {
        var now = (clock ?? TimeProvider.System).GetUtcNow();
        return new OutboxMessage
        {
            Id = Guid.CreateVersion7(now),
            Type = TypeName(typeof(TEvent)),
            Body = JsonSerializer.Serialize(@event, Json),
            TenantId = @event.TenantId,
            OccurredAt = now,
            NextAttemptAt = now,
            TraceParent = System.Diagnostics.Activity.Current?.Id,
        };
    }

    public static string TypeName(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";
}
