using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ArPlatform.Collections.Messages;

internal sealed class QueuedMessageConfiguration : IEntityTypeConfiguration<QueuedMessage>
{
    public void Configure(EntityTypeBuilder<QueuedMessage> builder)
    {
        builder.ToTable("message_queue");
        builder.HasKey(q => q.MessageId);
        builder.Property(q => q.MessageId).ValueGeneratedNever();
        builder.HasIndex(q => q.NextAttemptAt);
    }
}
