using ArPlatform.Collections.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ArPlatform.Collections.Messages;

internal sealed class OutgoingMessageConfiguration : IEntityTypeConfiguration<OutgoingMessage>
{
    public void Configure(EntityTypeBuilder<OutgoingMessage> builder)
    {
        builder.ToTable("messages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Channel).HasMaxLength(10);
        builder.Property(m => m.TemplateCode).HasMaxLength(50);
        builder.Property(m => m.ToName).HasMaxLength(200);
        builder.Property(m => m.ToAddress).HasMaxLength(200);
        builder.Property(m => m.ContactLevel).HasMaxLength(10);
        builder.Property(m => m.AddressingNote).HasMaxLength(500);
        builder.Property(m => m.Subject).HasMaxLength(500);
        builder.Property(m => m.Status).HasMaxLength(10);
        builder.Ignore(m => m.MessageIdHeader);
        builder.Property(m => m.Model).Json();
        builder.HasIndex(m => m.NextAttemptAt).HasFilter("status = 'queued'").HasDatabaseName("ix_messages_queued");
        builder.HasIndex(m => new { m.TenantId, m.CustomerId, m.CreatedAt });
    }
}
