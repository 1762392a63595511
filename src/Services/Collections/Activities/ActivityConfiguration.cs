using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ArPlatform.Collections.Activities;

internal sealed class ActivityConfiguration : IEntityTypeConfiguration<Activity>
{
    public void Configure(EntityTypeBuilder<Activity> builder)
    {
        builder.ToTable("activities");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Type).HasMaxLength(10);
        builder.Property(a => a.Disposition).HasMaxLength(20);
        builder.Property(a => a.Notes).HasMaxLength(4000);
        builder.Property(a => a.LoggedBy).HasMaxLength(200);
        builder.HasIndex(a => new { a.TenantId, a.CustomerId, a.OccurredAt });
        builder.HasIndex(a => new { a.TenantId, a.BusinessDate }).HasFilter("disposition = 'disputed' AND dispute_id IS NULL AND NOT complaint_checked")
            .HasDatabaseName("ix_activities_disputed_without_dispute");
    }
}
