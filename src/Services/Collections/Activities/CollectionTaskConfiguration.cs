using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ArPlatform.Collections.Activities;

internal sealed class CollectionTaskConfiguration : IEntityTypeConfiguration<CollectionTask>
{
    public void Configure(EntityTypeBuilder<CollectionTask> builder)
    {
        builder.ToTable("tasks");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Kind).HasMaxLength(20);
        builder.Property(t => t.Title).HasMaxLength(500);
        builder.Property(t => t.ActivityType).HasMaxLength(10);
        builder.Property(t => t.Assignee).HasMaxLength(100);
        builder.Property(t => t.Status).HasMaxLength(10);
        builder.HasIndex(t => new { t.TenantId, t.Assignee, t.DueDate }).HasFilter($"status = '{TaskStatuses.Open}'").HasDatabaseName("ix_tasks_open");
        builder.HasIndex(t => new { t.TenantId, t.CustomerId });
    }
}
