using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ArPlatform.Customers.Risk;

internal sealed class RiskQueueEntryConfiguration : IEntityTypeConfiguration<RiskQueueEntry>
{
    public void Configure(EntityTypeBuilder<RiskQueueEntry> builder)
    {
        builder.ToTable("risk_queue");
        builder.HasKey(q => new { q.TenantId, q.CustomerId });
    }
}
