using ArPlatform.Collections.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ArPlatform.Collections.Dunning;

internal sealed class DunningActionConfiguration : IEntityTypeConfiguration<DunningAction>
{
    public void Configure(EntityTypeBuilder<DunningAction> builder)
    {
        builder.ToTable("actions");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.StrategyCode).HasMaxLength(50);
        builder.Property(a => a.StepCode).HasMaxLength(50);
        builder.Property(a => a.StepName).HasMaxLength(200);
        builder.Property(a => a.Action).HasMaxLength(20);
        builder.Property(a => a.Kind).HasMaxLength(10);
        builder.Property(a => a.SkipReason).HasMaxLength(100);
        builder.Property(a => a.Trigger).HasMaxLength(20);
        builder.Property(a => a.Outcome).HasMaxLength(500);
        builder.Property(a => a.Amount).HasPrecision(18, 2);
        builder.Property(a => a.Items).Json();
        builder.Property(a => a.ItemIds).HasDefaultValueSql("'{}'::uuid[]");
        // Exactly once: one action (taken or skipped) per account, step and business date, whoever runs it.
        builder.HasIndex(a => new { a.TenantId, a.CustomerId, a.StepCode, a.BusinessDate }).IsUnique();
        builder.HasIndex(a => new { a.TenantId, a.RunId });
    }
}
