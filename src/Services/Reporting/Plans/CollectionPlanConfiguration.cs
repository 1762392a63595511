using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ArPlatform.Reporting.Plans;

internal sealed class CollectionPlanConfiguration : IEntityTypeConfiguration<CollectionPlan>
{
    public void Configure(EntityTypeBuilder<CollectionPlan> builder)
    {
        builder.ToTable("collection_plans");
        builder.HasKey(p => new { p.TenantId, p.Month, p.Dimension, p.Key });
        builder.Property(p => p.Dimension).HasMaxLength(10);
        builder.Property(p => p.Key).HasMaxLength(100);
        builder.Property(p => p.Planned).HasPrecision(18, 2);
    }
}
