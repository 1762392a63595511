using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ArPlatform.Reporting.Aging;

internal sealed class AgingSnapshotRowConfiguration : IEntityTypeConfiguration<AgingSnapshotRow>
{
    public void Configure(EntityTypeBuilder<AgingSnapshotRow> builder)
    {
        builder.ToTable("aging_snapshot_rows");
        builder.HasKey(r => new { r.TenantId, r.CustomerId, r.Bucket });
        builder.Property(r => r.Amount).HasPrecision(18, 2);
    }
}
