using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ArPlatform.Reporting.Aging;

internal sealed class AgingSnapshotTotalsConfiguration : IEntityTypeConfiguration<AgingSnapshotTotals>
{
    public void Configure(EntityTypeBuilder<AgingSnapshotTotals> builder)
    {
        builder.ToTable("aging_snapshot_totals");
        builder.HasKey(t => new { t.TenantId, t.Slot });
        builder.Property(t => t.Amounts).HasColumnType("numeric(18,2)[]");
    }
}
