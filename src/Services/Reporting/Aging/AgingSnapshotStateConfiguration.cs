using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ArPlatform.Reporting.Aging;

internal sealed class AgingSnapshotStateConfiguration : IEntityTypeConfiguration<AgingSnapshotState>
{
    public void Configure(EntityTypeBuilder<AgingSnapshotState> builder)
    {
        builder.ToTable("aging_snapshots");
        builder.HasKey(s => s.TenantId);
        builder.Property(s => s.TenantId).ValueGeneratedNever();
    }
}
