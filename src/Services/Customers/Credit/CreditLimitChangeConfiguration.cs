using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ArPlatform.Customers.Credit;

internal sealed class CreditLimitChangeConfiguration : IEntityTypeConfiguration<CreditLimitChange>
{
    public void Configure(EntityTypeBuilder<CreditLimitChange> builder)
    {
        builder.ToTable("credit_limit_changes");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.OldLimit).HasPrecision(18, 2);
        builder.Property(c => c.NewLimit).HasPrecision(18, 2);
        builder.Property(c => c.Reason).HasMaxLength(500);
        builder.Property(c => c.ChangedBy).HasMaxLength(200);
        builder.HasIndex(c => new { c.TenantId, c.CustomerId, c.ChangedAt });
    }
}
