using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ArPlatform.Reporting.Aging;

internal sealed class AgingSnapshotCustomerConfiguration : IEntityTypeConfiguration<AgingSnapshotCustomer>
{
    public void Configure(EntityTypeBuilder<AgingSnapshotCustomer> builder)
    {
        builder.ToTable("aging_snapshot_customers");
        builder.HasKey(r => new { r.TenantId, r.CustomerId });
        // No index on total: every event changes it, and an indexed total would make each update write a new index
        // entry (no HOT) and bloat the table; ranking a tenant's few thousand totals is a millisecond.
        builder.Property(r => r.Total).HasPrecision(18, 2);
    }
}
