using ArPlatform.Collections.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ArPlatform.Collections.Worklist;

internal sealed class WorklistEntryConfiguration : IEntityTypeConfiguration<WorklistEntry>
{
    public void Configure(EntityTypeBuilder<WorklistEntry> builder)
    {
        builder.ToTable("worklist_entries");
        builder.HasKey(w => w.CustomerId);
        builder.Property(w => w.Collector).HasMaxLength(100);
        builder.Property(w => w.Code).HasMaxLength(50);
        builder.Property(w => w.Overdue).HasPrecision(18, 2);
        builder.Property(w => w.Row).Json();
        builder.HasIndex(w => new { w.TenantId, w.Collector, w.Score, w.Overdue }).IsDescending(false, false, true, true);
    }
}
